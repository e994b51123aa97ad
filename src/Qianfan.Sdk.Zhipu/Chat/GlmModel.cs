using System.Globalization;
using System.Text.RegularExpressions;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// What a model code says of the GLM generation it belongs to (<c>glm-4.5-air</c> is 4.5, <c>glm-4-plus</c> 4.0,
/// <c>glm-5</c> 5.0), for the rules that depend on it: thinking from 4.5, <c>tool_stream</c> from 4.6, the token cap.
/// Codes that name no GLM version (fine-tuned models, <c>charglm-3</c>, <c>glm-z1-air</c>) are left to the service.
/// </summary>
internal static partial class GlmModel
{
    /// <summary>The largest <c>max_tokens</c> the service documents.</summary>
    public const int MaxTokens = 131_072;

    /// <summary>GLM-4.5's output cap, 96K.</summary>
    public const int Glm45MaxTokens = 98_304;

    /// <summary>The GLM version a model code names, or null when it names none.</summary>
    public static Version? VersionOf(string model)
    {
        var match = GlmVersion().Match(model);
        if (!match.Success)
        {
            return null;
        }

        var major = int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        var minor = match.Groups[2].Success ? int.Parse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return new Version(major, minor);
    }

    /// <summary>Whether the model is known to be older than <paramref name="version"/> (unknown codes are not).</summary>
    public static bool IsOlderThan(string model, Version version) => VersionOf(model) is { } v && v < version;

    /// <summary>The largest <c>max_tokens</c> the model takes, as documented.</summary>
    public static int MaxTokensOf(string model) => VersionOf(model) is { Major: 4, Minor: 5 } ? Glm45MaxTokens : MaxTokens;

    [GeneratedRegex(@"^glm-(\d{1,3})(?:\.(\d{1,3}))?(?![\d.])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GlmVersion();
}
