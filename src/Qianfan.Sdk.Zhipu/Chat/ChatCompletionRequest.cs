using System.Text.Json.Nodes;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// One chat call (<c>/chat/completions</c>, or an asynchronous task of one): the model (<c>glm-4</c>, <c>glm-4.5</c>,
/// <c>glm-5</c> …), the messages and the optional parameters. Unset parameters are not sent, so the service applies its
/// defaults. The SDK checks the documented rules before sending and throws <see cref="Errors.ZhipuValidationException"/>
/// on a breach; it never adjusts a value to make it fit.
/// </summary>
public sealed class ChatCompletionRequest
{
    /// <summary>A request to <paramref name="model"/>, e.g. <c>glm-4</c>, <c>glm-4-flash</c>, <c>glm-4.5</c> or <c>glm-5</c>.</summary>
    public ChatCompletionRequest(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
    }

    /// <summary>The model code.</summary>
    public string Model { get; }

    /// <summary>
    /// The conversation (at least one message, and not only system and assistant ones): system, user, assistant and tool
    /// messages.
    /// </summary>
    public IList<ChatMessage> Messages { get; private set; } = new List<ChatMessage>();

    /// <summary>Whether to sample (<c>do_sample</c>, default true); false answers greedily and ignores <see cref="Temperature"/> and <see cref="TopP"/>.</summary>
    public bool? DoSample { get; set; }

    /// <summary>Randomness (<c>temperature</c>), in [0, 1] with at most two decimals; the default depends on the model (0.75 to 1.0).</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling (<c>top_p</c>), in [0.01, 1] with at most two decimals; default 0.9 or 0.95 by model.</summary>
    public float? TopP { get; set; }

    /// <summary>The most tokens to generate (<c>max_tokens</c>), from 1 to 131,072 (98,304 for GLM-4.5); the default depends on the model.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>A stop word (<c>stop</c>): the service takes one; it is not included in the reply.</summary>
    public IList<string> Stop { get; private set; } = new List<string>();

    /// <summary>Tools the model may use: your functions, web search, retrieval; at most 128.</summary>
    public IList<ChatTool> Tools { get; private set; } = new List<ChatTool>();

    /// <summary>How the model chooses tools (<c>tool_choice</c>): the service takes only <c>auto</c>, its default.</summary>
    public string? ToolChoice { get; set; }

    /// <summary>Whether a stream sends tool calls in fragments as they are written (<c>tool_stream</c>); GLM-4.6 and later.</summary>
    public bool? ToolStream { get; set; }

    /// <summary>The thinking switch of GLM-4.5 and later (<c>thinking</c>); null leaves the model's default (enabled).</summary>
    public ChatThinking? Thinking { get; set; }

    /// <summary>The reply's form (<c>response_format</c>): text or a JSON object; null leaves text.</summary>
    public ChatResponseFormat? ResponseFormat { get; set; }

    /// <summary>Your id for the request (<c>request_id</c>), unique per request; the service makes one when none is given and echoes it.</summary>
    public string? RequestId { get; set; }

    /// <summary>The end user's id (<c>user_id</c>), 6 to 128 characters, for the service's abuse handling.</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// Top-level body fields the SDK does not model (e.g. <c>AdditionalProperties["seed"] = 7</c>), sent as given. A
    /// name the SDK sends itself is rejected before sending.
    /// </summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }

    /// <summary>A copy with the same model, parameters and messages.</summary>
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
