using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Completions;

/// <summary>
/// V1 completions (续写, <c>completions/{endpoint}</c>) for the completion models (<c>sqlcoder_7b</c>,
/// <c>codellama_7b_instruct</c>) and the configured custom services: a non-empty <c>prompt</c> within the service's
/// limits, and the sampling keys by chat's rules (<see cref="ChatRequestValidator.ValidateParameters"/>); answered in
/// sync or stream mode like chat.
/// </summary>
internal sealed class CompletionsArea : IV1Area
{
    private const string Prompt = "prompt";

    private readonly EmulatorState _state;
    private readonly ChatStreamWriter _stream;
    private readonly FrozenDictionary<string, ModelSpec> _endpoints;

    public CompletionsArea(EmulatorState state, IEnumerable<ModelSpec> customEndpoints)
    {
        _state = state;
        _stream = new ChatStreamWriter(state, "completion");
        var table = new Dictionary<string, ModelSpec>(StringComparer.Ordinal)
        {
            ["sqlcoder_7b"] = ModelSpec.ForCustomEndpoint("sqlcoder_7b"),
            ["codellama_7b_instruct"] = ModelSpec.ForCustomEndpoint("codellama_7b_instruct"),
        };
        foreach (var spec in customEndpoints)
        {
            table[spec.Endpoint] = spec;
        }

        _endpoints = table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string Family => "completions";

    public bool Serves(string endpoint) => _endpoints.ContainsKey(endpoint);

    public AreaCall? Read(string endpoint, JsonElement body, out string? rule)
    {
        var spec = _endpoints[endpoint];
        var prompt = AreaBody.String(body, Prompt, out _);
        rule = string.IsNullOrEmpty(prompt) ? "prompt must not be empty" : CheckLimits(spec, prompt) ?? CheckParameters(spec, body);
        if (rule is not null)
        {
            return null;
        }

        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != Prompt)
            {
                parameters[property.Name] = property.Value.Clone();
            }
        }

        var isStream = body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        return new CompletionCall(_state, _stream, spec, prompt!, isStream, parameters);
    }

    private static string? CheckLimits(ModelSpec spec, string prompt) =>
        spec.MaxInputCharacters is { } maxCharacters && TokenEstimator.CountCharacters(prompt) > maxCharacters
            ? string.Create(CultureInfo.InvariantCulture, $"the length of prompt must not exceed {maxCharacters} characters")
            : spec.MaxInputTokens is { } maxTokens && TokenEstimator.Count(prompt) > maxTokens
                ? string.Create(CultureInfo.InvariantCulture, $"the prompt tokens must not exceed {maxTokens}")
                : null;

    /// <summary>The keys the service accepts besides the prompt, then chat's rules for their values.</summary>
    private static string? CheckParameters(ModelSpec spec, JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != Prompt && !spec.Supports(property.Name))
            {
                return $"the parameter {property.Name} is not supported by model {spec.Name}";
            }
        }

        return ChatRequestValidator.ValidateParameters(body, ModelSpec.ForCustomEndpoint(spec.Endpoint));
    }
}
