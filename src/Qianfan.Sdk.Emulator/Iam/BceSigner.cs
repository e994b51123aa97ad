using System.Globalization;
using SdkSigner = Qianfan.Sdk.Authentication.BceSigner;

namespace Qianfan.Sdk.Emulator.Iam;

/// <summary>
/// The service's side of <c>bce-auth-v1</c>: which headers of a received request count as signed, and the signature
/// it therefore expects. The canonicalization and HMAC are the SDK's own <see cref="SdkSigner"/>, so the emulator
/// cannot drift from the client it tests (docs/qianfan-api.md, "AK/SK signing").
/// </summary>
internal static class BceSigner
{
    public const string Version = "bce-auth-v1";

    /// <summary>The headers signed when the authorization names none, besides every <c>x-bce-*</c> header.</summary>
    public static readonly string[] DefaultSignedHeaders = ["host", "content-md5", "content-length", "content-type"];

    public static string Timestamp(DateTimeOffset time) => SdkSigner.FormatTimestamp(time);

    public static bool TryParseTimestamp(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    /// <summary>The hex signature of one request, from its authorization prefix.</summary>
    /// <param name="authStringPrefix"><c>bce-auth-v1/{AK}/{timestamp}/{expirationSeconds}</c>.</param>
    /// <param name="secretKey">The IAM Secret Key.</param>
    /// <param name="method">The HTTP method as received.</param>
    /// <param name="path">The decoded request path.</param>
    /// <param name="query">The decoded query parameters (a null value signs as <c>key=</c>).</param>
    /// <param name="headers">All the request headers by name (any case); the signed ones are picked here.</param>
    /// <param name="signedHeaders">The lower-case names to sign; empty signs the defaults plus <c>x-bce-*</c>.</param>
    /// <exception cref="ArgumentException">The prefix is not of that form.</exception>
    public static string Signature(
        string authStringPrefix,
        string secretKey,
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyCollection<string> signedHeaders)
    {
        var parts = authStringPrefix.Split('/');
        if (parts.Length != 4
            || parts[0] != Version
            || !TryParseTimestamp(parts[2], out var signedAt)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expirationSeconds))
        {
            throw new ArgumentException("Expected bce-auth-v1/{AK}/{timestamp}/{expirationSeconds}.", nameof(authStringPrefix));
        }

        return Signature(parts[1], secretKey, signedAt, expirationSeconds, method, path, query, headers, signedHeaders);
    }

    /// <summary>The hex signature of one request.</summary>
    /// <param name="accessKey">The IAM Access Key named in the authorization.</param>
    /// <param name="secretKey">The IAM Secret Key.</param>
    /// <param name="signedAt">The authorization's timestamp.</param>
    /// <param name="expirationSeconds">The authorization's lifetime.</param>
    /// <param name="method">The HTTP method as received.</param>
    /// <param name="path">The decoded request path.</param>
    /// <param name="query">The decoded query parameters (a null value signs as <c>key=</c>).</param>
    /// <param name="headers">All the request headers by name (any case); the signed ones are picked here.</param>
    /// <param name="signedHeaders">The lower-case names to sign; empty signs the defaults plus <c>x-bce-*</c>.</param>
    public static string Signature(
        string accessKey,
        string secretKey,
        DateTimeOffset signedAt,
        int expirationSeconds,
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyCollection<string> signedHeaders)
    {
        var authorization = SdkSigner.Sign(
            accessKey, secretKey, new HttpMethod(method), path, query, Signed(headers, signedHeaders), signedAt, expirationSeconds);
        return authorization[(authorization.LastIndexOf('/') + 1)..];
    }

    private static IEnumerable<KeyValuePair<string, string>> Signed(
        IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyCollection<string> signedHeaders)
    {
        foreach (var header in headers)
        {
            var name = header.Key.Trim().ToLowerInvariant();
            if (signedHeaders.Count > 0
                    ? signedHeaders.Contains(name)
                    : name.StartsWith("x-bce-", StringComparison.Ordinal) || DefaultSignedHeaders.Contains(name))
            {
                yield return header;
            }
        }
    }
}
