using System.Collections.Frozen;

namespace Qianfan.Sdk.Models;

/// <summary>
/// Where a chat request goes and which rules its body must follow: the endpoint suffix after
/// <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/</c>, the input limits and the optional body keys the model accepts.
/// </summary>
/// <remarks>
/// Catalog models come from <see cref="ModelCatalog"/>. A service you deployed yourself (for example a Dolly-12B
/// service) is described with <see cref="ForCustomEndpoint"/>.
/// </remarks>
public sealed class ModelSpec
{
    internal ModelSpec(string name, string endpoint, int? maxInputCharacters, int? maxInputTokens, FrozenSet<string>? supportedParameters)
    {
        Name = name;
        Endpoint = endpoint;
        MaxInputCharacters = maxInputCharacters;
        MaxInputTokens = maxInputTokens;
        SupportedParameters = supportedParameters;
    }

    /// <summary>The official model name, or the endpoint suffix for a custom service.</summary>
    public string Name { get; }

    /// <summary>The path suffix after <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/</c>.</summary>
    public string Endpoint { get; }

    /// <summary>How logs and traces name calls to this model: <c>chat/{endpoint}</c>.</summary>
    internal string Operation => field ??= "chat/" + Endpoint;

    /// <summary>Whether the name was not in the catalog and its endpoint is a guess (the lower-cased name).</summary>
    internal bool IsGuess { get; init; }

    /// <summary>The most characters that message contents plus <c>system</c> may hold; <see langword="null"/> when unknown.</summary>
    public int? MaxInputCharacters { get; }

    /// <summary>
    /// The most input tokens the model takes, as documented. Only the service counts tokens exactly: V1 chat estimates
    /// them offline (<c>Tokenizer.TokenEstimator</c>) and logs a Warning when the estimate is over this limit, but sends.
    /// </summary>
    public int? MaxInputTokens { get; }

    /// <summary>
    /// The optional body keys (besides <c>messages</c>) the model accepts, such as <c>temperature</c> or <c>top_k</c>;
    /// <see langword="null"/> means the model's list is unknown and every parameter is sent for the service to judge.
    /// </summary>
    public IReadOnlySet<string>? SupportedParameters { get; }

    /// <summary>Whether the model accepts the optional body key <paramref name="parameter"/> (always true when unknown).</summary>
    public bool Supports(string parameter) => SupportedParameters is null || SupportedParameters.Contains(parameter);

    /// <summary>
    /// Describes a service deployed under your own API path (the path chosen when the service was created).
    /// With no limits stated only the rules common to every model are checked and every parameter is sent.
    /// </summary>
    /// <param name="endpoint">The path suffix chosen when the service was created, e.g. <c>dolly_12b</c>.</param>
    /// <param name="maxInputCharacters">The character limit of the model behind it, e.g. 4,800 for Dolly-12B.</param>
    /// <param name="supportedParameters">The optional body keys the model accepts, e.g. <c>top_k</c>; null accepts all.</param>
    /// <exception cref="ArgumentException">The endpoint is empty or is not a single path segment.</exception>
    public static ModelSpec ForCustomEndpoint(string endpoint, int? maxInputCharacters = null, IEnumerable<string>? supportedParameters = null)
    {
        ValidateEndpoint(endpoint);
        if (maxInputCharacters is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInputCharacters), maxInputCharacters, "maxInputCharacters must be positive.");
        }

        return new ModelSpec(endpoint, endpoint, maxInputCharacters, null, supportedParameters?.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString() => Name == Endpoint ? Endpoint : $"{Name} ({Endpoint})";

    internal static void ValidateEndpoint(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        foreach (var c in endpoint)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException(
                    $"endpoint must be a single path segment of letters, digits, '_', '-' or '.', was '{endpoint}'.", nameof(endpoint));
            }
        }
    }
}
