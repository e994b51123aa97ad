using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>The wire form of a <see cref="ChatCompletionRequest"/>; null members are left out.</summary>
internal sealed class ChatCompletionRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("messages")]
    public required IList<ChatMessage> Messages { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("stream_options")]
    public StreamOptions? StreamOptions { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("penalty_score")]
    public float? PenaltyScore { get; init; }

    [JsonPropertyName("frequency_penalty")]
    public float? FrequencyPenalty { get; init; }

    [JsonPropertyName("presence_penalty")]
    public float? PresencePenalty { get; init; }

    [JsonPropertyName("response_format")]
    public ChatResponseFormat? ResponseFormat { get; init; }

    [JsonPropertyName("web_search")]
    public ChatWebSearchOptions? WebSearch { get; init; }

    [JsonPropertyName("enable_thinking")]
    public bool? EnableThinking { get; init; }

    [JsonPropertyName("thinking_budget")]
    public int? ThinkingBudget { get; init; }

    [JsonPropertyName("seed")]
    public int? Seed { get; init; }

    [JsonPropertyName("parallel_tool_calls")]
    public bool? ParallelToolCalls { get; init; }

    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; init; }

    [JsonPropertyName("stop")]
    public IList<string>? Stop { get; init; }

    [JsonPropertyName("tools")]
    public IList<ChatTool>? Tools { get; init; }

    [JsonPropertyName("tool_choice")]
    public ToolChoiceBody? ToolChoice { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    public static ChatCompletionRequestBody From(ChatCompletionRequest request, bool stream) => new()
    {
        Model = request.Model,
        Messages = request.Messages,
        Stream = stream ? true : null,
        StreamOptions = stream ? new StreamOptions { IncludeUsage = true } : null,
        Temperature = request.Temperature,
        TopP = request.TopP,
        PenaltyScore = request.PenaltyScore,
        MaxCompletionTokens = request.MaxCompletionTokens,
        FrequencyPenalty = request.FrequencyPenalty,
        PresencePenalty = request.PresencePenalty,
        ResponseFormat = request.ResponseFormat,
        WebSearch = request.WebSearch,
        EnableThinking = request.EnableThinking,
        ThinkingBudget = request.ThinkingBudget,
        Seed = request.Seed,
        ParallelToolCalls = request.ParallelToolCalls,
        Stop = request.Stop.Count == 0 ? null : request.Stop,
        Tools = request.Tools.Count == 0 ? null : request.Tools,
        ToolChoice = request.ToolChoice is { } choice ? new ToolChoiceBody(choice) : null,
        User = request.User,
    };
}

/// <summary><c>stream_options</c>: ask for the usage in a last chunk.</summary>
internal sealed class StreamOptions
{
    [JsonPropertyName("include_usage")]
    public bool IncludeUsage { get; init; }
}
