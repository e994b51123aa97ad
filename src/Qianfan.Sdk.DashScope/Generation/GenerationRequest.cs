using System.Text.Json.Nodes;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// One text-generation call (<c>POST /services/aigc/text-generation/generation</c>): the model, the input — a
/// conversation in <see cref="Messages"/> or a single <see cref="Prompt"/>, not both — and the optional parameters.
/// Unset parameters are not sent. The SDK checks every documented rule before sending and throws
/// <see cref="Errors.DashScopeValidationException"/> naming the field and the rule.
/// </summary>
public sealed class GenerationRequest
{
    /// <summary>A request to <paramref name="model"/>, e.g. <c>qwen-turbo</c>, <c>qwen-plus</c> or <c>qwen-max</c>.</summary>
    public GenerationRequest(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
    }

    /// <summary>The model.</summary>
    public string Model { get; }

    /// <summary>The conversation (<c>input.messages</c>): optionally a system message first, then user, assistant and tool messages, the last a user or tool message.</summary>
    public IList<GenerationMessage> Messages { get; private set; } = new List<GenerationMessage>();

    /// <summary>A single question instead of <see cref="Messages"/> (<c>input.prompt</c>).</summary>
    public string? Prompt { get; set; }

    /// <summary>
    /// The reply's shape (<c>result_format</c>): <see cref="GenerationResultFormat.Text"/> or
    /// <see cref="GenerationResultFormat.Message"/>; null leaves it to the model (text for most). Tools need message.
    /// Either way the reply reads the same through <see cref="GenerationResponse"/>.
    /// </summary>
    public GenerationResultFormat? ResultFormat { get; set; }

    /// <summary>Randomness (<c>temperature</c>), in [0, 2).</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling (<c>top_p</c>), in (0, 1].</summary>
    public float? TopP { get; set; }

    /// <summary>Sample among the k likeliest tokens (<c>top_k</c>), 0 or more; above 100 turns it off.</summary>
    public int? TopK { get; set; }

    /// <summary>A seed for repeatable sampling (<c>seed</c>), in [0, 2³¹ − 1].</summary>
    public int? Seed { get; set; }

    /// <summary>The most tokens to generate (<c>max_tokens</c>), 1 or more (the model's maximum by default); reaching it ends with <c>finish_reason: length</c>.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Repetition penalty (<c>repetition_penalty</c>), greater than 0; 1.0 is none.</summary>
    public float? RepetitionPenalty { get; set; }

    /// <summary>Presence penalty (<c>presence_penalty</c>), in [-2, 2].</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>Stop strings (<c>stop</c>); not together with <see cref="StopTokens"/>.</summary>
    public IList<string> Stop { get; private set; } = new List<string>();

    /// <summary>Stop sequences as token ids (<c>stop</c> as arrays of ids); not together with <see cref="Stop"/>.</summary>
    public IList<IReadOnlyList<int>> StopTokens { get; private set; } = new List<IReadOnlyList<int>>();

    /// <summary>Let the model search the web (<c>enable_search</c>); off by default.</summary>
    public bool? EnableSearch { get; set; }

    /// <summary>
    /// How a stream's events carry the text (<c>incremental_output</c>): true, each only its new piece; false, all the
    /// text so far. Null sends true for streams (nothing for one-shot calls). Whichever is sent, every
    /// <see cref="GenerationChunk"/> has both its <see cref="GenerationChunk.Delta"/> and the whole <see cref="GenerationChunk.Text"/> so far.
    /// </summary>
    public bool? IncrementalOutput { get; set; }

    /// <summary>Functions the model may call (<c>tools</c>); they need <see cref="ResultFormat"/> <see cref="GenerationResultFormat.Message"/>.</summary>
    public IList<GenerationTool> Tools { get; private set; } = new List<GenerationTool>();

    /// <summary>Whether and which tool to call (<c>tool_choice</c>): <c>auto</c>, <c>none</c> or the name of one of <see cref="Tools"/>; null leaves it to the model.</summary>
    public string? ToolChoice { get; set; }

    /// <summary>Whether the model may call several tools in one answer (<c>parallel_tool_calls</c>); off by default.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>The reply content's form (<c>response_format</c>): text, a JSON object or JSON following a schema.</summary>
    public GenerationResponseFormat? ResponseFormat { get; set; }

    /// <summary>How many answers (<c>n</c>), in [1, 4]; 1 with tools or thinking.</summary>
    public int? N { get; set; }

    /// <summary>Whether to return the chosen tokens' log probabilities (<c>logprobs</c>).</summary>
    public bool? Logprobs { get; set; }

    /// <summary>How many likeliest alternatives per token to return (<c>top_logprobs</c>), in [0, 5]; needs <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>Whether a hybrid-thinking model reasons before answering (<c>enable_thinking</c>); thinking needs <see cref="GenerationResultFormat.Message"/>.</summary>
    public bool? EnableThinking { get; set; }

    /// <summary>The most tokens the model may reason with (<c>thinking_budget</c>), 1 or more.</summary>
    public int? ThinkingBudget { get; set; }

    /// <summary>
    /// Fields of <c>parameters</c> the SDK does not model yet, sent as given (e.g. <c>AdditionalParameters["search_options"]</c>).
    /// A name the SDK sends itself is rejected before sending.
    /// </summary>
    public IDictionary<string, JsonNode?> AdditionalParameters => ExtraParameters ??= new JsonObject();

    internal JsonObject? ExtraParameters { get; private set; }

    /// <summary>A copy with the same model, parameters and template messages.</summary>
    internal GenerationRequest Copy()
    {
        var copy = (GenerationRequest)MemberwiseClone();
        copy.Messages = [.. Messages];
        copy.Stop = [.. Stop];
        copy.StopTokens = [.. StopTokens];
        copy.Tools = [.. Tools];
        copy.ExtraParameters = ExtraParameters?.DeepClone() as JsonObject;
        return copy;
    }
}
