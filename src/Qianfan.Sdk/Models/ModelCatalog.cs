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

    private static readonly FrozenDictionary<string, ModelSpec> ByEndpoint =
        Models.Values.GroupBy(m => m.Endpoint, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, V2ModelSpec> V2Models =
        V2ModelCatalogData.Build().ToFrozenDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The model used when a request names none: ERNIE-Lite-8K, as in Baidu's own samples and SDK.</summary>
    public const string DefaultModel = "ERNIE-Lite-8K";

    /// <summary>Every catalogued model, once each (aliases not repeated).</summary>
    public static IReadOnlyCollection<ModelSpec> All => Models.Values;

    /// <summary>
    /// The V2 model ids the SDK knows (2026: ERNIE 4.5, 5.x, X1.1 and the hosted third-party models). V2 takes any id:
    /// a model released later works without a new SDK; <see cref="ModelsClient"/> lists what the account can call.
    /// </summary>
    public static IReadOnlyCollection<V2ModelSpec> V2 => V2Models.Values;

    /// <summary>Finds a V2 model by id, ignoring case.</summary>
    public static bool TryGetV2(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out V2ModelSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(id);
        return V2Models.TryGetValue(id, out spec);
    }

    /// <summary>The known V1 names (official names, aliases and endpoints) closest to <paramref name="name"/>, closest first.</summary>
    public static IReadOnlyList<string> SuggestV1(string name) =>
        NameSuggestions.Closest(name, Models.Keys.Concat(AliasTable.Keys).Concat(ByEndpoint.Keys));

    /// <summary>The known V2 ids closest to <paramref name="id"/>, closest first.</summary>
    public static IReadOnlyList<string> SuggestV2(string id) => NameSuggestions.Closest(id, V2Models.Keys);

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

    /// <summary>The catalogued model whose endpoint is <paramref name="endpoint"/> (e.g. <c>ernie_speed</c>), ignoring case.</summary>
    internal static bool TryGetByEndpoint(string endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? spec) =>
        ByEndpoint.TryGetValue(endpoint, out spec);

    /// <summary>
    /// The catalogued name (or endpoint) that <paramref name="name"/> is clearly a typo of, if any; null for a name or
    /// endpoint the catalog knows (an endpoint differs from its model's name only in separators, and is no typo).
    /// </summary>
    internal static string? TypoOf(string name)
    {
        var known = Models.Keys.Concat(AliasTable.Keys).Concat(ByEndpoint.Keys);
        return known.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? null
            : known
                .Where(candidate => NameSuggestions.IsTypo(name, candidate))
                .OrderBy(candidate => NameSuggestions.TypoDistance(name, candidate))
                .ThenBy(candidate => NameSuggestions.Distance(name, candidate))
                .FirstOrDefault();
    }

    /// <summary>
    /// Resolves a model name (or a catalogued endpoint, such as <c>ernie_speed</c>) to where its requests go. A name
    /// the catalog does not know is taken as a model Qianfan added later: its endpoint is the lower-cased name and
    /// only the rules common to every model are checked.
    /// </summary>
    public static ModelSpec Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (TryGet(name, out var spec) || TryGetByEndpoint(name.Trim(), out spec))
        {
            return spec;
        }

        var endpoint = name.Trim().ToLowerInvariant();
        ModelSpec.ValidateEndpoint(endpoint);
        return new ModelSpec(name, endpoint, null, null, null) { IsGuess = true };
    }
}
