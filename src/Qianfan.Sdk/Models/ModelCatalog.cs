using System.Collections.Frozen;

namespace Qianfan.Sdk.Models;

/// <summary>
/// The V1 chat models Qianfan serves, looked up by official name case-insensitively (aliases and deprecated names
/// included), with their endpoints, limits and accepted parameters.
/// </summary>
public static class ModelCatalog
{
    private static readonly FrozenDictionary<string, ModelSpec> Models =
        ModelCatalogData.Build().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> AliasTable =
        ModelCatalogData.Aliases().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The model used when a request names none: ERNIE-Lite-8K, as in Baidu's own samples and SDK.</summary>
    public const string DefaultModel = "ERNIE-Lite-8K";

    /// <summary>Every catalogued model, once each (aliases not repeated).</summary>
    public static IReadOnlyCollection<ModelSpec> All => Models.Values;

    /// <summary>Finds a model by official name or alias, ignoring case.</summary>
    /// <returns><see langword="true"/> when the catalog knows the model.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (AliasTable.TryGetValue(name, out var target))
        {
            name = target;
        }

        return Models.TryGetValue(name, out spec);
    }

    /// <summary>
    /// Resolves a model name to where its requests go. A name the catalog does not know is taken as a model Qianfan
    /// added later: its endpoint is the lower-cased name and only the rules common to every model are checked.
    /// </summary>
    public static ModelSpec Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (TryGet(name, out var spec))
        {
            return spec;
        }

        var endpoint = name.Trim().ToLowerInvariant();
        ModelSpec.ValidateEndpoint(endpoint);
        return new ModelSpec(name, endpoint, null, null, null);
    }
}
