using System.Text.Json.Nodes;

namespace Qianfan.Sdk.Embeddings;

/// <summary>Texts to turn into vectors, V1 or V2 alike; the vectors come back in the texts' order.</summary>
public sealed class EmbeddingRequest
{
    /// <summary>A request to <paramref name="model"/> (e.g. <c>bge-large-zh</c>; see <see cref="EmbeddingModels"/>) for <paramref name="input"/>.</summary>
    public EmbeddingRequest(string model, IEnumerable<string> input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(input);
        Model = model;
        foreach (var text in input)
        {
            Input.Add(text);
        }
    }

    /// <summary>The model name (V2's spelling, or a V1 endpoint).</summary>
    public string Model { get; }

    /// <summary>The texts (<c>input</c>): none empty, within the model's count and length limits.</summary>
    public IList<string> Input { get; } = new List<string>();

    /// <summary>The end user's id (V1 <c>user_id</c>, V2 <c>user</c>).</summary>
    public string? User { get; set; }

    /// <summary>Top-level body fields the SDK does not model yet, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
