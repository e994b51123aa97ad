using System.Text.Json.Nodes;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// One chat call: the model (or custom service), the conversation and the optional sampling parameters.
/// Unset parameters are not sent, so the service applies its own defaults. The SDK checks every rule of the
/// service's parameter table before sending and throws <see cref="Errors.QianfanValidationException"/> on a breach.
/// </summary>
public sealed class ChatRequest
{
    /// <summary>A request to the default model, <see cref="ModelCatalog.DefaultModel"/>.</summary>
    public ChatRequest()
        : this(ModelCatalog.DefaultModel)
    {
    }

    /// <summary>A request to a catalogued model, by official name or alias (case-insensitive).</summary>
    /// <param name="model">For example <c>ERNIE-Speed-8K</c>. A name the catalog does not know is sent to the
    /// lower-cased name as endpoint, and only the rules common to every model are checked.</param>
    public ChatRequest(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
    }

    /// <summary>A request to a specific endpoint, such as a custom service from <see cref="ModelSpec.ForCustomEndpoint"/>.</summary>
    public ChatRequest(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Spec = model;
        Model = model.Name;
    }

    /// <summary>The model name (or the custom endpoint) this request is for.</summary>
    public string Model { get; }

    internal ModelSpec? Spec { get; }

    /// <summary>
    /// The conversation: an odd number of messages alternating user, assistant, …, ending with the current user
    /// question. Content plus <see cref="System"/> must fit the model's character limit.
    /// </summary>
    public IList<ChatMessage> Messages { get; } = new List<ChatMessage>();

    /// <summary>The persona (<c>system</c>); counts toward the character limit.</summary>
    public string? System { get; set; }

    /// <summary>Randomness, in (0, 1]; the service's default is 0.95.</summary>
    public float? Temperature { get; set; }

    /// <summary>Nucleus sampling (<c>top_p</c>), in [0, 1]; the service's default is 0.7.</summary>
    public float? TopP { get; set; }

    /// <summary>Top-K sampling (<c>top_k</c>), a positive integer; only models that accept it (e.g. Llama, Dolly).</summary>
    public int? TopK { get; set; }

    /// <summary>Repetition penalty (<c>penalty_score</c>), in [1, 2]; the service's default is 1.0.</summary>
    public float? PenaltyScore { get; set; }

    /// <summary>The most tokens to generate (<c>max_output_tokens</c>), in [2, 2048]; the service's default is 1024.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Frequency penalty (<c>frequency_penalty</c>), in [-2, 2]; the service's default is 0.1.</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Presence penalty (<c>presence_penalty</c>), in [-2, 2]; the service's default is 0.</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>Stop sequences (<c>stop</c>): at most 4, each at most 20 characters. Empty means none.</summary>
    public IList<string> Stop { get; } = new List<string>();

    /// <summary>The end user's unique id (<c>user_id</c>), for the service's abuse monitoring.</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// Functions the model may call (<c>functions</c>; ERNIE-3.5 / ERNIE-4.0 and the other models the catalog marks).
    /// A reply that calls one has <see cref="ChatResponse.FunctionCall"/>; send its result back with
    /// <see cref="ChatMessage.Function"/> after the assistant's message.
    /// </summary>
    public IList<ChatFunction> Functions { get; } = new List<ChatFunction>();

    /// <summary>The function the model must call (<c>tool_choice</c>), by name; null lets it choose.</summary>
    public string? ToolChoice { get; set; }

    /// <summary>Whether to keep the model from searching the web (<c>disable_search</c>).</summary>
    public bool? DisableSearch { get; set; }

    /// <summary>Whether the answer marks its web sources (<c>enable_citation</c>); see <see cref="ChatResponse.SearchInfo"/>.</summary>
    public bool? EnableCitation { get; set; }

    /// <summary>Whether the reply lists the searches made (<c>enable_trace</c>).</summary>
    public bool? EnableTrace { get; set; }

    /// <summary>The reply's format (<c>response_format</c>): <c>text</c> or <c>json_object</c>.</summary>
    public string? ResponseFormat { get; set; }

    /// <summary>The fewest tokens to generate (<c>min_output_tokens</c>), in [2, 2048] and not above <see cref="MaxOutputTokens"/>.</summary>
    public int? MinOutputTokens { get; set; }

    /// <summary>A copy with the same model and parameters and the given messages.</summary>
    internal ChatRequest WithMessages(IEnumerable<ChatMessage> messages)
    {
        var copy = Spec is null ? new ChatRequest(Model) : new ChatRequest(Spec);
        copy.System = System;
        copy.Temperature = Temperature;
        copy.TopP = TopP;
        copy.TopK = TopK;
        copy.PenaltyScore = PenaltyScore;
        copy.MaxOutputTokens = MaxOutputTokens;
        copy.FrequencyPenalty = FrequencyPenalty;
        copy.PresencePenalty = PresencePenalty;
        copy.UserId = UserId;
        copy.ToolChoice = ToolChoice;
        copy.DisableSearch = DisableSearch;
        copy.EnableCitation = EnableCitation;
        copy.EnableTrace = EnableTrace;
        copy.ResponseFormat = ResponseFormat;
        copy.MinOutputTokens = MinOutputTokens;
        foreach (var function in Functions)
        {
            copy.Functions.Add(function);
        }

        foreach (var stop in Stop)
        {
            copy.Stop.Add(stop);
        }

        foreach (var message in messages)
        {
            copy.Messages.Add(message);
        }

        copy.ExtraFields = ExtraFields?.DeepClone() as JsonObject;

        return copy;
    }

    /// <summary>
    /// Top-level body fields the SDK does not model yet, sent as given (e.g. <c>AdditionalProperties["enable_trace"] = true</c>).
    /// A name the SDK sends itself is rejected before sending.
    /// </summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
