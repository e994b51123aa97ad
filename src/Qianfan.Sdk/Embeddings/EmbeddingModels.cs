using System.Collections.Frozen;

namespace Qianfan.Sdk.Embeddings;

/// <summary>
/// The embedding models Qianfan documents, with their limits (Embedding-V1 ≤ 16 texts of ≤ 1,000 characters; bge-large
/// ≤ 16 of ≤ 2,000; tao-8k exactly 1). A name not listed is sent as is (V2) or as its lower-cased endpoint (V1), and
/// only the rules common to every model are checked.
/// </summary>
public static class EmbeddingModels
{
    /// <summary>The model used when none is named: Embedding-V1.</summary>
    public const string Default = "embedding-v1";

    private static readonly FrozenDictionary<string, EmbeddingModelSpec> Specs = new EmbeddingModelSpec[]
    {
        new("embedding-v1", "embedding-v1", 16, 1000, 384, 384),
        new("bge-large-zh", "bge_large_zh", 16, 2000, 512, 1024),
        new("bge-large-en", "bge_large_en", 16, 2000, 512, 1024),
        new("tao-8k", "tao_8k", 1, null, 8192, 1024),
    }.SelectMany(s => new[] { (Key: s.Name, Spec: s), (Key: s.Endpoint, Spec: s) })
        .DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(p => p.Key, p => p.Spec, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every documented model, once each.</summary>
    public static IReadOnlyCollection<EmbeddingModelSpec> All => [.. Specs.Values.Distinct()];

    /// <summary>Finds a model by name or V1 endpoint (<c>Embedding-V1</c>, <c>bge_large_zh</c> …), ignoring case.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EmbeddingModelSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Specs.TryGetValue(name.Trim(), out spec);
    }
}
