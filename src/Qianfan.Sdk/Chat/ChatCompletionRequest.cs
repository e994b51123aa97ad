using System.Text.Json.Nodes;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// One V2 chat call (<c>/v2/chat/completions</c>): the model as V2 spells it (e.g. <c>ernie-4.0-8k</c>), the messages
/// (system, user, assistant, tool) and the optional parameters. Unset parameters are not sent. The SDK checks the
/// documented ranges before sending and throws <see cref="Errors.QianfanValidationException"/> on a breach.
/// </summary>
public sealed class ChatCompletionRequest
{
    /// <summary>A request to <paramref name="model"/>, e.g. <c>ernie-4.0-8k</c> or <c>ernie-speed-8k</c>.</summary>
    public ChatCompletionRequest(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
    }

    /// <summary>The V2 model name.</summary>
    public string Model { get; }

    /// <summary>The conversation: optionally a system message first, then user, assistant and tool messages.</summary>
    public IList<ChatMessage> Messages { get; private set; } = new List<ChatMessage>();

    /// <summary>Randomness, in (0, 1].</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling (<c>top_p</c>), in [0, 1].</summary>
    public float? TopP { get; set; }

    /// <summary>Repetition penalty (<c>penalty_score</c>), in [1, 2].</summary>
    public float? PenaltyScore { get; set; }

    /// <summary>Frequency penalty (<c>frequency_penalty</c>), in [-2, 2].</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Presence penalty (<c>presence_penalty</c>), in [-2, 2].</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>
    /// The reply's form (<c>response_format</c>): <see cref="ChatResponseFormat.Text"/>, <see cref="ChatResponseFormat.JsonObject"/>
    /// or <see cref="ChatResponseFormat.ForJsonSchema"/>; null leaves it to the service.
    /// </summary>
    public ChatResponseFormat? ResponseFormat { get; set; }

    /// <summary>Let the model search the web (<c>web_search</c>); the reply then cites <see cref="ChatCompletion.SearchResults"/>.</summary>
    public ChatWebSearchOptions? WebSearch { get; set; }

    /// <summary>Whether a thinking model reasons before it answers (<c>enable_thinking</c>); null leaves it to the model.</summary>
    public bool? EnableThinking { get; set; }

    /// <summary>The most tokens a thinking model may reason with (<c>thinking_budget</c>), in [100, 16384].</summary>
    public int? ThinkingBudget { get; set; }

    /// <summary>A seed (<c>seed</c>) for repeatable sampling, where the model supports it.</summary>
    public int? Seed { get; set; }

    /// <summary>Whether the model may call several tools at once (<c>parallel_tool_calls</c>).</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>The most tokens to generate (<c>max_completion_tokens</c>), in [2, 2048].</summary>
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Stop sequences: at most 4, each at most 20 characters.</summary>
    public IList<string> Stop { get; private set; } = new List<string>();

    /// <summary>Functions the model may call.</summary>
    public IList<ChatTool> Tools { get; private set; } = new List<ChatTool>();

    /// <summary>
    /// Whether and which tool to call (<c>tool_choice</c>): <c>auto</c>, <c>none</c>, <c>required</c>, or the name of one
    /// of <see cref="Tools"/> to call exactly that function; null leaves it to the service.
    /// </summary>
    public string? ToolChoice { get; set; }

    /// <summary>The end user's id (<c>user</c>).</summary>
    public string? User { get; set; }

    /// <summary>
    /// Top-level body fields the SDK does not model yet, sent as given (e.g. <c>AdditionalProperties["enable_trace"] = true</c>).
    /// A name the SDK sends itself is rejected before sending.
    /// </summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }

    /// <summary>A copy with the same model, parameters and template messages.</summary>
    internal ChatCompletionRequest Copy()
    {
        var copy = (ChatCompletionRequest)MemberwiseClone();
        copy.Messages = [.. Messages];
        copy.Stop = [.. Stop];
        copy.Tools = [.. Tools];
        copy.ExtraFields = ExtraFields?.DeepClone() as JsonObject;
        return copy;
    }
}
