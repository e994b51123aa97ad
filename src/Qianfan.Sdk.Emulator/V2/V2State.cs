using System.Collections.Frozen;
using System.Security.Cryptography;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// What the V2 endpoints know besides the shared <see cref="Hosting.EmulatorState"/>: the API Key, the bearer tokens
/// issued, the models by V2 name and the account's user id.
/// </summary>
internal sealed class V2State
{
    private readonly FrozenDictionary<string, ModelSpec> _customModels;
    private readonly FrozenDictionary<string, ModelSpec> _v2Models;

    public V2State(QianfanEmulatorOptions options)
    {
        V2ApiKey = options.V2ApiKey;
        ToolCallTrigger = string.IsNullOrEmpty(options.ToolCallTrigger) ? null : options.ToolCallTrigger;
        BearerTokens = new BearerTokenStore(options.TimeProvider);
        var custom = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        foreach (var spec in options.CustomEndpoints)
        {
            ArgumentNullException.ThrowIfNull(spec);
            custom[spec.Name.ToLowerInvariant()] = spec; // the last one wins, as for the V1 endpoints
        }

        _customModels = custom.ToFrozenDictionary(StringComparer.Ordinal);

        // The 2026 V2 ids (ernie-x1.1, deepseek-r1 …) the V1 catalog has no entry for: served without limits.
        _v2Models = ModelCatalog.V2
            .Where(m => !ModelCatalog.TryGet(m.Id, out _))
            .ToFrozenDictionary(m => m.Id, m => ModelSpec.ForCustomEndpoint(m.Id), StringComparer.Ordinal);
    }

    public string V2ApiKey { get; }

    public string? ToolCallTrigger { get; }

    public BearerTokenStore BearerTokens { get; }

    /// <summary>The IAM user the bearer tokens belong to: 32 hex digits, fixed for this emulator.</summary>
    public string UserId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The model a V2 <c>model</c> value names: a custom service by its name lower-cased, else a catalog model (or alias)
    /// by its official name lower-cased, e.g. <c>ernie-speed-8k</c> or <c>ernie-lite-8k</c>, else one of the V2 ids of
    /// <see cref="ModelCatalog.V2"/> (e.g. <c>ernie-x1.1</c>). The name must be all lower-case, as the V2 API's model
    /// names are; <c>ERNIE-Speed-8K</c> is not a V2 name.
    /// </summary>
    public ModelSpec? FindModel(string name)
    {
        if (!string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return null;
        }

        return _customModels.TryGetValue(name, out var custom) ? custom
            : ModelCatalog.TryGet(name, out var spec) ? spec
            : _v2Models.GetValueOrDefault(name);
    }

    /// <summary>What the SDK's V2 catalog says of <paramref name="name"/>: a thinking model, a vision model; null when it does not list it.</summary>
    public static V2ModelSpec? Describe(string name) => ModelCatalog.TryGetV2(name, out var spec) ? spec : null;
}
