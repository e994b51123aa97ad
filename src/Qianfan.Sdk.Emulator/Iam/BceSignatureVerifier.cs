using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Iam;

/// <summary>
/// Checks the <c>Authorization: bce-auth-v1/{AK}/{timestamp}/{expiration}/{signedHeaders}/{signature}</c> of a call
/// made with IAM AK/SK instead of an access token: the AK must be the configured one, the signature must match the
/// request as received, and the signature must not have expired.
/// </summary>
internal static class BceSignatureVerifier
{
    public static bool IsSigned(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BceSigner.Version + "/", StringComparison.Ordinal);

    public static bool Verify(HttpRequest request, string accessKey, string secretKey, DateTimeOffset now)
    {
        var parts = request.Headers.Authorization.ToString().Split('/');
        if (parts.Length != 6
            || parts[0] != BceSigner.Version
            || parts[1] != accessKey
            || !BceSigner.TryParseTimestamp(parts[2], out var signedAt)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expirationSeconds)
            || now > signedAt.AddSeconds(expirationSeconds))
        {
            return false;
        }

        var signedHeaders = parts[4].Length == 0 ? [] : parts[4].Split(';').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var expected = BceSigner.Signature(
            accessKey,
            secretKey,
            signedAt,
            expirationSeconds,
            request.Method,
            request.Path.Value ?? "/",
            Query(request.QueryString),
            request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())),
            signedHeaders);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[5]));
    }

    /// <summary>The query as sent, pair by pair (repeats kept), decoded but not re-interpreted.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Query(QueryString queryString)
    {
        if (!queryString.HasValue || queryString.Value!.Length <= 1)
        {
            yield break;
        }

        foreach (var pair in queryString.Value[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0
                ? KeyValuePair.Create(Uri.UnescapeDataString(pair), (string?)null)
                : KeyValuePair.Create(Uri.UnescapeDataString(pair[..equals]), (string?)Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }
}
