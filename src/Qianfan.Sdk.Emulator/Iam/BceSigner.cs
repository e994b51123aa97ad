using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qianfan.Sdk.Emulator.Iam;

/// <summary>
/// Computes a <c>bce-auth-v1</c> signature exactly as Baidu's official SDKs do (docs/qianfan-api.md, "AK/SK signing"),
/// so the emulator can check a signed call the way the service does.
/// </summary>
internal static class BceSigner
{
    public const string Version = "bce-auth-v1";

    /// <summary>The headers signed when the authorization names none, besides every <c>x-bce-*</c> header.</summary>
    public static readonly string[] DefaultSignedHeaders = ["host", "content-md5", "content-length", "content-type"];

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The hex signature of one request.</summary>
    /// <param name="authStringPrefix"><c>bce-auth-v1/{AK}/{timestamp}/{expirationSeconds}</c>.</param>
    /// <param name="secretKey">The IAM Secret Key.</param>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="path">The decoded request path.</param>
    /// <param name="query">The decoded query parameters (a null value signs as <c>key=</c>).</param>
    /// <param name="headers">The request headers by name (any case).</param>
    /// <param name="signedHeaders">The lower-case names to sign; empty signs the defaults plus <c>x-bce-*</c>.</param>
    public static string Signature(
        string authStringPrefix,
        string secretKey,
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyCollection<string> signedHeaders)
    {
        var signingKey = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(authStringPrefix)));
        var canonicalRequest = string.Join(
            '\n',
            method,
            BceCanonical.Encode(path, keepSlash: true),
            CanonicalQuery(query),
            CanonicalHeaders(headers, signedHeaders));
        return Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(canonicalRequest)));
    }

    private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string?>> query) =>
        string.Join('&', query
            .Where(p => !p.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{BceCanonical.Encode(p.Key)}={BceCanonical.Encode(p.Value ?? string.Empty)}")
            .Order(StringComparer.Ordinal));

    private static string CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyCollection<string> signedHeaders) =>
        string.Join('\n', headers
            .Select(h => (Name: h.Key.Trim().ToLowerInvariant(), Value: h.Value.Trim()))
            .Where(h => signedHeaders.Count > 0
                ? signedHeaders.Contains(h.Name)
                : h.Name.StartsWith("x-bce-", StringComparison.Ordinal) || DefaultSignedHeaders.Contains(h.Name))
            .Select(h => $"{BceCanonical.Encode(h.Name)}:{BceCanonical.Encode(h.Value)}")
            .Order(StringComparer.Ordinal));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
