using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// Computes the <c>bce-auth-v1</c> <c>Authorization</c> value that lets a call authenticate with an IAM Access Key and
/// Secret Key instead of an OAuth access token. The service recomputes the signature from the request it receives, so
/// every step here follows Baidu's reference signers (the BCE Go, Python, Java and JavaScript SDKs) byte for byte.
/// </summary>
/// <remarks>
/// A pure function: it signs exactly the path, query and headers it is given and sends nothing. The caller must send
/// the same values, including the <c>x-bce-date</c> header (<see cref="FormatTimestamp"/>) when it is signed.
/// </remarks>
public static class BceSigner
{
    private const string AuthVersion = "bce-auth-v1";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>Signs one request and returns the value for its <c>Authorization</c> header.</summary>
    /// <param name="accessKey">The IAM Access Key (AK); it is sent in clear in the result.</param>
    /// <param name="secretKey">The IAM Secret Key (SK); only its HMAC leaves this method.</param>
    /// <param name="method">The HTTP method, signed as sent (<c>POST</c>, not <c>post</c>).</param>
    /// <param name="path">The decoded request path; it is percent-encoded here, keeping <c>/</c>.</param>
    /// <param name="query">The decoded query parameters; a null value signs as <c>key=</c>, an <c>authorization</c> key is skipped.</param>
    /// <param name="headersToSign">
    /// Exactly the headers to sign, by name in any case (at least <c>host</c>, and <c>x-bce-date</c> when sent); each name
    /// at most once. All of them are listed in the result, so the service knows what to check.
    /// </param>
    /// <param name="timestamp">When the signature starts to be valid; sent to the second, in UTC.</param>
    /// <param name="expirationSeconds">How long after <paramref name="timestamp"/> the service accepts the signature.</param>
    /// <returns><c>bce-auth-v1/{AK}/{timestamp}/{expirationSeconds}/{signed headers joined by ;}/{hex signature}</c>.</returns>
    /// <exception cref="ArgumentException">An empty key, an AK containing <c>/</c>, or a header name that is empty or repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expirationSeconds"/> is negative.</exception>
    public static string Sign(
        string accessKey,
        string secretKey,
        HttpMethod method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headersToSign,
        DateTimeOffset timestamp,
        int expirationSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headersToSign);
        ArgumentOutOfRangeException.ThrowIfNegative(expirationSeconds);
        if (accessKey.Contains('/', StringComparison.Ordinal))
        {
            // The result is split on '/', so such a key would make it unreadable to the service.
            throw new ArgumentException("The access key must not contain '/'.", nameof(accessKey));
        }

        var authStringPrefix = string.Create(
            CultureInfo.InvariantCulture,
            $"{AuthVersion}/{accessKey}/{FormatTimestamp(timestamp)}/{expirationSeconds}");
        var (canonicalRequest, signedHeaders) = CanonicalRequest(method.Method, path, query, headersToSign);
        var signingKey = HmacSha256Hex(secretKey, authStringPrefix);
        var signature = HmacSha256Hex(signingKey, canonicalRequest);
        return $"{authStringPrefix}/{signedHeaders}/{signature}";
    }

    /// <summary>
    /// Formats a time as <c>bce-auth-v1</c> writes it (<c>yyyy-MM-ddTHH:mm:ssZ</c>, UTC), the value to send as
    /// <c>x-bce-date</c> alongside a signature made with the same time.
    /// </summary>
    /// <param name="timestamp">The time; fractions of a second are dropped.</param>
    /// <returns>For example <c>2015-04-27T08:23:49Z</c>.</returns>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary><c>METHOD\nCanonicalURI\nCanonicalQueryString\nCanonicalHeaders</c>, with the signed header names.</summary>
    internal static (string CanonicalRequest, string SignedHeaders) CanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headersToSign)
    {
        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(headersToSign);
        return (string.Join('\n', method, CanonicalUri(path), CanonicalQueryString(query), canonicalHeaders), signedHeaders);
    }

    /// <summary>The path percent-encoded except <c>/</c>, always starting with <c>/</c> (an empty path is <c>/</c>).</summary>
    internal static string CanonicalUri(string path) =>
        path.StartsWith('/') ? UriEncode(path, encodeSlash: false) : "/" + UriEncode(path, encodeSlash: false);

    /// <summary>
    /// Each parameter as encoded <c>key=value</c> (<c>key=</c> when the value is empty or null), the
    /// <c>authorization</c> key left out, sorted ordinally as whole strings (so <c>text10=…</c> precedes
    /// <c>text1=…</c>, as in Baidu's own example) and joined by <c>&amp;</c>.
    /// </summary>
    internal static string CanonicalQueryString(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var pairs = new List<string>();
        foreach (var (key, value) in query)
        {
            if (!string.Equals(key, "authorization", StringComparison.OrdinalIgnoreCase))
            {
                pairs.Add(UriEncode(key) + "=" + UriEncode(value ?? string.Empty));
            }
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    /// <summary>
    /// Each header as <c>lowercase-name:value</c>, both trimmed and percent-encoded, sorted ordinally and joined by
    /// <c>\n</c>; with the lower-case names sorted and joined by <c>;</c>. An <c>authorization</c> header is left out,
    /// as the reference signers do, since it carries the result.
    /// </summary>
    internal static (string CanonicalHeaders, string SignedHeaders) CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var lines = new List<string>();
        var names = new List<string>();
        foreach (var (name, value) in headers)
        {
            var lowerName = name.Trim().ToLowerInvariant();
            if (lowerName.Length == 0)
            {
                throw new ArgumentException("A header to sign has an empty name.", nameof(headers));
            }

            if (lowerName == "authorization")
            {
                continue;
            }

            lines.Add(UriEncode(lowerName) + ":" + UriEncode(value.Trim()));
            names.Add(lowerName);
        }

        lines.Sort(StringComparer.Ordinal);
        names.Sort(StringComparer.Ordinal);
        for (var i = 1; i < names.Count; i++)
        {
            if (names[i] == names[i - 1])
            {
                throw new ArgumentException(
                    $"The header '{names[i]}' is listed twice; sign it once, with the value as it is sent.",
                    nameof(headers));
            }
        }

        return (string.Join('\n', lines), string.Join(';', names));
    }

    /// <summary>
    /// Percent-encodes the UTF-8 bytes of <paramref name="value"/> as <c>%XX</c> (upper-case hex), except the RFC 3986
    /// unreserved characters <c>A-Z a-z 0-9 - . _ ~</c>, and <c>/</c> when <paramref name="encodeSlash"/> is false.
    /// A space is <c>%20</c>, never <c>+</c>.
    /// </summary>
    internal static string UriEncode(string value, bool encodeSlash = true)
    {
        var plain = 0;
        while (plain < value.Length && IsKept(value[plain], encodeSlash))
        {
            plain++;
        }

        if (plain == value.Length)
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsKept((char)b, encodeSlash))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private static bool IsKept(char c, bool encodeSlash) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' || (c == '/' && !encodeSlash);

    /// <summary>Lower-case hex HMAC-SHA256 of UTF-8 text: both the signing key (SK over the prefix) and the signature (signing key over the canonical request).</summary>
    internal static string HmacSha256Hex(string key, string data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
}
