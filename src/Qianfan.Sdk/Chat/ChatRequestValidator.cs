using System.Globalization;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Protocol.ParameterRules;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// The service's documented rules for a chat body, checked before anything is sent so a breach is reported with
/// the field and the rule instead of a terse service error.
/// </summary>
internal static class ChatRequestValidator
{
    /// <summary>Checks <paramref name="request"/> and returns the model it targets.</summary>
    /// <exception cref="QianfanValidationException">A rule is broken.</exception>
    public static ModelSpec Validate(ChatRequest request, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = ResolveModel(request);
        ValidateMessages(request, model);

        RequireSupported(model, "stream", stream);
        RequireSupported(model, "system", request.System is not null);
        RequireSupported(model, "user_id", request.UserId is not null);
        RequireSupported(model, "stop", request.Stop.Count > 0);

        Range(model, "temperature", request.Temperature, 0, 1, lowerOpen: true);
        Range(model, "top_p", request.TopP, 0, 1);
        Range(model, "penalty_score", request.PenaltyScore, 1, 2);
        Range(model, "frequency_penalty", request.FrequencyPenalty, -2, 2);
        Range(model, "presence_penalty", request.PresencePenalty, -2, 2);

        if (request.MaxOutputTokens is { } maxOutput)
        {
            RequireSupported(model, "max_output_tokens", true);
            CheckTokens("max_output_tokens", maxOutput);
        }

        if (request.MinOutputTokens is { } minOutput)
        {
            RequireSupported(model, "min_output_tokens", true);
            CheckTokens("min_output_tokens", minOutput);
            if (request.MaxOutputTokens is { } max && minOutput > max)
            {
                throw Fail("min_output_tokens", $"min_output_tokens must not exceed max_output_tokens ({max}), was {minOutput}");
            }
        }

        RequireSupported(model, "functions", request.Functions.Count > 0);
        for (var i = 0; i < request.Functions.Count; i++)
        {
            if (request.Functions[i] is not { Name.Length: > 0 })
            {
                throw Fail($"functions[{i}].name", $"functions[{i}].name must not be empty");
            }
        }

        RequireSupported(model, "tool_choice", request.ToolChoice is not null);
        if (request.ToolChoice is { } forced && !request.Functions.Any(f => f?.Name == forced))
        {
            throw Fail("tool_choice", $"tool_choice names '{forced}', which is not one of the request's functions");
        }

        RequireSupported(model, "disable_search", request.DisableSearch is not null);
        RequireSupported(model, "enable_citation", request.EnableCitation is not null);
        RequireSupported(model, "enable_trace", request.EnableTrace is not null);
        RequireSupported(model, "response_format", request.ResponseFormat is not null);
        if (request.ResponseFormat is { } format && format is not ("text" or "json_object"))
        {
            throw Fail("response_format", $"response_format must be text or json_object, was '{format}'");
        }

        if (request.TopK is { } topK)
        {
            RequireSupported(model, "top_k", true);
            if (topK < 1)
            {
                throw Fail("top_k", $"top_k must be a positive integer, was {topK}");
            }
        }

        ValidateStop(request.Stop);
        AdditionalFields.Validate(request.ExtraFields, ChatJsonContext.Default.ChatRequestBody);
        return model;
    }

    private static ModelSpec ResolveModel(ChatRequest request)
    {
        if (request.Spec is { } spec)
        {
            return spec;
        }

        if (ModelCatalog.TryGet(request.Model, out var catalogued))
        {
            return catalogued;
        }

        if (ModelCatalog.TypoOf(request.Model) is { } known)
        {
            throw new QianfanValidationException(
                $"model '{request.Model}' is not in the catalog; did you mean '{known}'? (for a service you deployed, use ModelSpec.ForCustomEndpoint)",
                "model");
        }

        try
        {
            return ModelCatalog.Resolve(request.Model);
        }
        catch (ArgumentException ex)
        {
            throw new QianfanValidationException($"model '{request.Model}' is not in the catalog and is not a valid endpoint name: {ex.Message}", "model");
        }
    }

    private static void ValidateMessages(ChatRequest request, ModelSpec model)
    {
        var messages = request.Messages;
        if (messages.Count == 0)
        {
            throw Fail("messages", "messages must not be empty");
        }

        if (messages.Count % 2 == 0)
        {
            throw Fail("messages", $"messages must have an odd number of entries (user, assistant, …, user), had {messages.Count}");
        }

        long characters = CountCharacters(request.System);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw Fail($"messages[{i}]", $"messages[{i}] must not be null");
            ValidateRole(messages, i, message);
            if (message.ToolCalls is not null || message.ToolCallId is not null)
            {
                throw Fail($"messages[{i}]", $"messages[{i}] carries tool calls, which V1 chat does not take; use ChatCompletions (V2), or V1 functions");
            }

            if (message.Parts is not null)
            {
                throw Fail($"messages[{i}].content", $"messages[{i}].content is in parts (text and images), which V1 chat does not take; use ChatCompletions (V2) with a vision model");
            }

            if (message.Role == ChatRole.Function && string.IsNullOrWhiteSpace(message.Name))
            {
                throw Fail($"messages[{i}].name", $"messages[{i}].name must name the function whose result it carries");
            }

            if (string.IsNullOrWhiteSpace(message.Content) && message.FunctionCall is null)
            {
                throw Fail($"messages[{i}].content", $"messages[{i}].content must not be empty");
            }

            characters += CountCharacters(message.Content);
        }

        if (model.MaxInputCharacters is { } limit && characters > limit)
        {
            throw Fail(
                "messages",
                $"messages content plus system must be at most {limit} characters for {model.Name}, was {characters}");
        }
    }

    /// <summary>
    /// V1's turn order: user, assistant, user … ending with user; with function calling an assistant turn that calls
    /// a function is followed by the function's result (role function) in place of the next user turn.
    /// </summary>
    private static void ValidateRole(IList<ChatMessage> messages, int i, ChatMessage message)
    {
        if (i % 2 == 1)
        {
            if (message.Role != ChatRole.Assistant)
            {
                throw Fail($"messages[{i}].role", $"messages[{i}].role must be assistant, was {Name(message.Role)}: roles alternate user, assistant, … starting and ending with user");
            }

            return;
        }

        if (message.Role == ChatRole.User)
        {
            return;
        }

        if (message.Role == ChatRole.Function && i > 0 && messages[i - 1]?.FunctionCall is not null)
        {
            return;
        }

        throw Fail(
            $"messages[{i}].role",
            message.Role == ChatRole.Function
                ? $"messages[{i}].role is function, which must follow an assistant message that calls a function"
                : $"messages[{i}].role must be user, was {Name(message.Role)}: roles alternate user, assistant, … starting and ending with user");
    }

    private static void Range(ModelSpec model, string field, float? value, float min, float max, bool lowerOpen = false)
    {
        RequireSupported(model, field, value is not null);
        CheckRange(field, value, min, max, lowerOpen);
    }

    private static void RequireSupported(ModelSpec model, string field, bool isSet)
    {
        if (isSet && !model.Supports(field))
        {
            throw Fail(field, $"{field} is not accepted by model {model.Name}");
        }
    }

    internal static string Name(ChatRole role) => role switch
    {
        ChatRole.User => "user",
        ChatRole.Assistant => "assistant",
        ChatRole.System => "system (put the persona in ChatRequest.System)",
        ChatRole.Tool => "tool",
        ChatRole.Function => "function",
        _ => role.ToString(),
    };
}
