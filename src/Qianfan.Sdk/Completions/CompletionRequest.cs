using System.Text.Json.Nodes;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Completions;

/// <summary>
/// One continuation (续写) of a prompt: no conversation, just the text to continue (V1 <c>completions/{endpoint}</c>).
/// Unset parameters are not sent. The SDK checks the documented ranges before sending.
/// </summary>
public sealed class CompletionRequest
{
    /// <summary>A request to a completion model by name (<c>SQLCoder-7B</c>, <c>CodeLlama-7b-Instruct</c>) or endpoint.</summary>
    public CompletionRequest(string model, string prompt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
        Prompt = prompt;
    }

    /// <summary>A request to a service you deployed (<see cref="ModelSpec.ForCustomEndpoint"/>).</summary>
    public CompletionRequest(ModelSpec endpoint, string prompt)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        Model = endpoint.Name;
        Prompt = prompt;
    }

    /// <summary>The model name, or the custom endpoint's.</summary>
    public string Model { get; }

    internal ModelSpec? Endpoint { get; }

    /// <summary>The text to continue (<c>prompt</c>); must not be empty.</summary>
    public string Prompt { get; set; }

    /// <summary>Randomness, in (0, 1].</summary>
    public float? Temperature { get; set; }

    /// <summary>Top-K sampling (<c>top_k</c>), a positive integer.</summary>
    public int? TopK { get; set; }

    /// <summary>Nucleus sampling (<c>top_p</c>), in [0, 1].</summary>
    public float? TopP { get; set; }

    /// <summary>Repetition penalty (<c>penalty_score</c>), in [1, 2].</summary>
    public float? PenaltyScore { get; set; }

    /// <summary>Stop sequences (<c>stop</c>): at most 4, each at most 20 characters.</summary>
    public IList<string> Stop { get; } = new List<string>();

    /// <summary>The most tokens to generate (<c>max_output_tokens</c>), in [2, 2048].</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>The end user's id (<c>user_id</c>).</summary>
    public string? UserId { get; set; }

    /// <summary>Top-level body fields the SDK does not model yet, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
