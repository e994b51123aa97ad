using System.Text.Json.Nodes;

namespace Qianfan.Sdk.Rerank;

/// <summary>Documents to order by how well they answer a query, V1 or V2 alike.</summary>
public sealed class RerankRequest
{
    /// <summary>The model used when none is named: <c>bce-reranker-base</c>.</summary>
    public const string DefaultModel = "bce-reranker-base";

    /// <summary>A request to order <paramref name="documents"/> for <paramref name="query"/>.</summary>
    public RerankRequest(string query, IEnumerable<string> documents, string model = DefaultModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(documents);
        Model = model;
        Query = query;
        foreach (var document in documents)
        {
            Documents.Add(document);
        }
    }

    /// <summary>The model (V2's spelling, <c>bce-reranker-base</c>; V1 serves it at <c>reranker/bce_reranker_base</c>).</summary>
    public string Model { get; }

    /// <summary>The query (<c>query</c>); must not be empty.</summary>
    public string Query { get; set; }

    /// <summary>The documents (<c>documents</c>): at least one, none empty.</summary>
    public IList<string> Documents { get; } = new List<string>();

    /// <summary>How many of the best to return (<c>top_n</c>), in [1, number of documents]; null returns all.</summary>
    public int? TopN { get; set; }

    /// <summary>The end user's id (V1 <c>user_id</c>, V2 <c>user</c>).</summary>
    public string? User { get; set; }

    /// <summary>Top-level body fields the SDK does not model yet, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
