using System.Security.Cryptography;
using System.Text;

namespace Qianfan.Sdk.Core.Authorization;

/// <summary>
/// Names a credential (or a set of them) for a shared store without holding it: the first 128 bits of a SHA-256
/// over its parts, in hex. Equal parts give equal keys in every process; the key reveals nothing of them.
/// </summary>
internal static class CredentialKey
{
    /// <summary>The key of <paramref name="parts"/> (a kind such as <c>qianfan-oauth</c>, then hosts and keys; nulls allowed).</summary>
    public static string Of(params ReadOnlySpan<string?> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            // Length-prefixed, so no two different lists of parts write the same text.
            text.Append(part?.Length ?? -1).Append(':').Append(part).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
