using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json;
using Qianfan.Sdk.Core.Json;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>The wire form of a <see cref="GenerationRequest"/>: <c>{model, input:{…}, parameters:{…}}</c>; null members are left out.</summary>
internal sealed class GenerationRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("input")]
    public required GenerationInputBody Input { get; init; }

    [JsonPropertyName("parameters")]
    public required GenerationParametersBody Parameters { get; init; }

    public static GenerationRequestBody From(GenerationRequest request, bool stream) => new()
    {
        Model = request.Model,
        Input = new GenerationInputBody
        {
            Messages = request.Messages.Count > 0 ? request.Messages : null,
            Prompt = request.Prompt,
        },
        Parameters = new GenerationParametersBody
        {
            ResultFormat = request.ResultFormat,
            Seed = request.Seed,
            MaxTokens = request.MaxTokens,
            TopP = request.TopP,
            TopK = request.TopK,
            RepetitionPenalty = request.RepetitionPenalty,
            PresencePenalty = request.PresencePenalty,
            Temperature = request.Temperature,
            Stop = Stop(request),
            EnableSearch = request.EnableSearch,
            IncrementalOutput = stream ? request.IncrementalOutput ?? true : request.IncrementalOutput,
            Tools = request.Tools.Count > 0 ? request.Tools : null,
            ToolChoice = request.ToolChoice,
            ParallelToolCalls = request.ParallelToolCalls,
            ResponseFormat = request.ResponseFormat,
            N = request.N,
            Logprobs = request.Logprobs,
            TopLogprobs = request.TopLogprobs,
            EnableThinking = request.EnableThinking,
            ThinkingBudget = request.ThinkingBudget,
            Extra = ExtraFields.ToSend(request.ExtraParameters),
        },
    };

    private static JsonArray? Stop(GenerationRequest request)
    {
        if (request.Stop.Count > 0)
        {
            return [.. request.Stop.Select(s => (JsonNode?)JsonValue.Create(s))];
        }

        if (request.StopTokens.Count > 0)
        {
            return [.. request.StopTokens.Select(ids => (JsonNode?)new JsonArray([.. ids.Select(id => (JsonNode?)JsonValue.Create(id))]))];
        }

        return null;
    }
}

/// <summary>The body's <c>input</c>: messages or a prompt.</summary>
internal sealed class GenerationInputBody
{
    [JsonPropertyName("messages")]
    public IList<GenerationMessage>? Messages { get; init; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }
}

/// <summary>The body's <c>parameters</c>.</summary>
internal sealed class GenerationParametersBody
{
    [JsonPropertyName("result_format")]
    public GenerationResultFormat? ResultFormat { get; init; }

    [JsonPropertyName("seed")]
    public int? Seed { get; init; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("top_k")]
    public int? TopK { get; init; }

    [JsonPropertyName("repetition_penalty")]
    public float? RepetitionPenalty { get; init; }

    [JsonPropertyName("presence_penalty")]
    public float? PresencePenalty { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("stop")]
    public JsonArray? Stop { get; init; }

    [JsonPropertyName("enable_search")]
    public bool? EnableSearch { get; init; }

    [JsonPropertyName("incremental_output")]
    public bool? IncrementalOutput { get; init; }

    [JsonPropertyName("tools")]
    public IList<GenerationTool>? Tools { get; init; }

    [JsonPropertyName("tool_choice")]
    [JsonConverter(typeof(ToolChoiceConverter))]
    public string? ToolChoice { get; init; }

    [JsonPropertyName("parallel_tool_calls")]
    public bool? ParallelToolCalls { get; init; }

    [JsonPropertyName("response_format")]
    public GenerationResponseFormat? ResponseFormat { get; init; }

    [JsonPropertyName("n")]
    public int? N { get; init; }

    [JsonPropertyName("logprobs")]
    public bool? Logprobs { get; init; }

    [JsonPropertyName("top_logprobs")]
    public int? TopLogprobs { get; init; }

    [JsonPropertyName("enable_thinking")]
    public bool? EnableThinking { get; init; }

    [JsonPropertyName("thinking_budget")]
    public int? ThinkingBudget { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>tool_choice</c>: <c>auto</c> and <c>none</c> as strings, a function as <c>{"type":"function","function":{"name"}}</c>.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name) ? name.GetString() : null;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (value is "auto" or "none")
        {
            writer.WriteStringValue(value);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
