using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Checks a chat body the way the service does (seed documents 000 and 002) against the endpoint's
/// <see cref="ModelSpec"/>, and names the broken rule in the service's terse style for error 336003.
/// </summary>
internal static class ChatRequestValidator
{
    private const string Messages = "messages";

    /// <summary>Validates <paramref name="root"/> (a JSON object).</summary>
    /// <returns>The request, or null with <paramref name="error"/> set to the broken rule.</returns>
    public static ChatRequest? Validate(JsonElement root, ModelSpec spec, out string? error)
    {
        error = ValidateMessages(root, spec, out var messages, out var system)
            ?? ValidateParameters(root, spec);
        if (error is not null)
        {
            return null;
        }

        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != Messages)
            {
                parameters[property.Name] = property.Value.Clone();
            }
        }

        var isStream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        var promptTokens = PromptTokens(messages, system);
        return new ChatRequest(messages, system, isStream, parameters, promptTokens);
    }

    private static string? ValidateMessages(JsonElement root, ModelSpec spec, out List<ChatReplyMessage> messages, out string? system)
    {
        messages = [];
        system = null;
        if (!root.TryGetProperty(Messages, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return "the messages must not be empty";
        }

        if (array.GetArrayLength() % 2 == 0)
        {
            return "the length of messages must be an odd number";
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var expectedRole = index % 2 == 0 ? "user" : "assistant";
            var role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            if (role != expectedRole)
            {
                return index % 2 == 0
                    ? "the role of message with even index in the messages must be user"
                    : "the role of message with odd index in the messages must be assistant";
            }

            var content = item.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (string.IsNullOrEmpty(content))
            {
                return "the content of message must not be empty";
            }

            messages.Add(new ChatReplyMessage(role, content));
            index++;
        }

        if (root.TryGetProperty("system", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.String)
            {
                return "system must be a string";
            }

            system = s.GetString();
        }

        var characters = messages.Sum(m => TokenEstimator.CountCharacters(m.Content)) + TokenEstimator.CountCharacters(system ?? string.Empty);
        if (spec.MaxInputCharacters is { } maxCharacters && characters > maxCharacters)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the total length of messages content and system must not exceed {maxCharacters} characters");
        }

        if (spec.MaxInputTokens is { } maxTokens && PromptTokens(messages, system) > maxTokens)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the prompt tokens of messages content and system must not exceed {maxTokens}");
        }

        return null;
    }

    /// <summary>The body keys' rules (ranges, types, stop), shared with V1 completions; a key the model does not accept is named.</summary>
    internal static string? ValidateParameters(JsonElement root, ModelSpec spec)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != Messages && !spec.Supports(property.Name))
            {
                return $"the parameter {property.Name} is not supported by model {spec.Name}";
            }
        }

        return Check(root, "stream", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "stream must be a boolean")
            ?? Check(root, "temperature", v => Number(v) is > 0 and <= 1, "temperature must be in range (0, 1.0]")
            ?? Check(root, "top_p", v => Number(v) is >= 0 and <= 1, "top_p must be in range [0, 1.0]")
            ?? Check(root, "top_k", v => Integer(v) is >= 1, "top_k must be a positive integer")
            ?? Check(root, "penalty_score", v => Number(v) is >= 1 and <= 2, "penalty_score must be in range [1.0, 2.0]")
            ?? Check(root, "max_output_tokens", v => Integer(v) is >= 2 and <= 2048, "max_output_tokens must be an integer in range [2, 2048]")
            ?? Check(root, "frequency_penalty", v => Number(v) is >= -2 and <= 2, "frequency_penalty must be in range [-2.0, 2.0]")
            ?? Check(root, "presence_penalty", v => Number(v) is >= -2 and <= 2, "presence_penalty must be in range [-2.0, 2.0]")
            ?? Check(root, "user_id", v => v.ValueKind == JsonValueKind.String, "user_id must be a string")
            ?? ValidateStop(root);
    }

    private static string? ValidateStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return "stop must be a list of strings";
        }

        if (stop.GetArrayLength() > 4)
        {
            return "stop must have at most 4 elements";
        }

        return stop.EnumerateArray().Any(e => TokenEstimator.CountCharacters(e.GetString()!) > 20)
            ? "each element of stop must not exceed 20 characters"
            : null;
    }

    private static string? Check(JsonElement root, string name, Func<JsonElement, bool> isValid, string rule) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && !isValid(value) ? rule : null;

    private static double? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    private static long? Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static int PromptTokens(IEnumerable<ChatReplyMessage> messages, string? system) =>
        TokenEstimator.Count(messages.Select(m => m.Content)) + TokenEstimator.Count(system ?? string.Empty);
}
