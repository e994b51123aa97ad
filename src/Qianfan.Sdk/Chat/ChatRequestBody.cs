using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>The wire form of a <see cref="ChatRequest"/>; null members are left out so the service applies its defaults.</summary>
internal sealed class ChatRequestBody
{
    [JsonPropertyName("messages")]
    public required IList<ChatMessage> Messages { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("system")]
    public string? System { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("top_k")]
    public int? TopK { get; init; }

    [JsonPropertyName("penalty_score")]
    public float? PenaltyScore { get; init; }

    [JsonPropertyName("max_output_tokens")]
    public int? MaxOutputTokens { get; init; }

    [JsonPropertyName("frequency_penalty")]
    public float? FrequencyPenalty { get; init; }

    [JsonPropertyName("presence_penalty")]
    public float? PresencePenalty { get; init; }

    [JsonPropertyName("stop")]
    public IList<string>? Stop { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("functions")]
    public IList<ChatFunction>? Functions { get; init; }

    [JsonPropertyName("tool_choice")]
    public FunctionChoiceBody? ToolChoice { get; init; }

    [JsonPropertyName("disable_search")]
    public bool? DisableSearch { get; init; }

    [JsonPropertyName("enable_citation")]
    public bool? EnableCitation { get; init; }

    [JsonPropertyName("enable_trace")]
    public bool? EnableTrace { get; init; }

    [JsonPropertyName("response_format")]
    public string? ResponseFormat { get; init; }

    [JsonPropertyName("min_output_tokens")]
    public int? MinOutputTokens { get; init; }

    public static ChatRequestBody From(ChatRequest request, bool stream) => new()
    {
        Messages = request.Messages,
        Stream = stream ? true : null,
        System = request.System,
        Temperature = request.Temperature,
        TopP = request.TopP,
        TopK = request.TopK,
        PenaltyScore = request.PenaltyScore,
        MaxOutputTokens = request.MaxOutputTokens,
        FrequencyPenalty = request.FrequencyPenalty,
        PresencePenalty = request.PresencePenalty,
        Stop = request.Stop.Count == 0 ? null : request.Stop,
        UserId = request.UserId,
        Functions = request.Functions.Count == 0 ? null : request.Functions,
        ToolChoice = request.ToolChoice is { } name ? new FunctionChoiceBody { Function = new FunctionNameBody { Name = name } } : null,
        DisableSearch = request.DisableSearch,
        EnableCitation = request.EnableCitation,
        EnableTrace = request.EnableTrace,
        ResponseFormat = request.ResponseFormat,
        MinOutputTokens = request.MinOutputTokens,
    };
}

/// <summary>V1's <c>tool_choice</c>: <c>{"type":"function","function":{"name":"…"}}</c>.</summary>
internal sealed class FunctionChoiceBody
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";

    [JsonPropertyName("function")]
    public required FunctionNameBody Function { get; init; }
}

/// <summary>The function a <c>tool_choice</c> forces.</summary>
internal sealed class FunctionNameBody
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
