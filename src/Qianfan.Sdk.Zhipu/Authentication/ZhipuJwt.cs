using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Zhipu.Authentication;

/// <summary>
/// The self-signed token Zhipu's service accepts instead of the plain API key, as its official SDKs make it: the key
/// <c>{id}.{secret}</c> split at the dot, a JWT with the header <c>{"alg":"HS256","sign_type":"SIGN","typ":"JWT"}</c>
/// and the payload <c>{"api_key":id,"exp":…,"timestamp":…}</c> — both times in Unix <em>milliseconds</em>, not the
/// standard's seconds — signed with HMAC-SHA256 under the secret. A pure function: the client caches the token and
/// makes a new one before it expires.
/// </summary>
public static class ZhipuJwt
{
    private static readonly byte[] Header = """{"alg":"HS256","sign_type":"SIGN","typ":"JWT"}"""u8.ToArray();

    /// <summary>The token for <paramref name="apiKey"/>, issued at <paramref name="issuedAt"/> and valid for <paramref name="lifetime"/>.</summary>
    /// <param name="apiKey">The API key from the console, <c>{id}.{secret}</c>.</param>
    /// <param name="issuedAt">When it is made: its <c>timestamp</c>.</param>
    /// <param name="lifetime">How long it is valid: <c>exp</c> is <paramref name="issuedAt"/> plus this.</param>
    /// <exception cref="ArgumentException">The key is not two non-empty parts around one dot (the message does not echo it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive.</exception>
    public static string Create(string apiKey, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        if (!TrySplit(apiKey, out var id, out var secret))
        {
            throw new ArgumentException("A Zhipu API key for a JWT must be two parts around one dot, {id}.{secret}.", nameof(apiKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var timestamp = issuedAt.ToUnixTimeMilliseconds();
        var payload = Payload(id, timestamp + (long)lifetime.TotalMilliseconds, timestamp);
        var signed = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signed));
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Whether <paramref name="apiKey"/> is <c>{id}.{secret}</c>, both parts non-empty.</summary>
    internal static bool TrySplit(string? apiKey, out string id, out string secret)
    {
        var parts = (apiKey ?? "").Split('.');
        if (parts is [{ Length: > 0 } first, { Length: > 0 } second])
        {
            id = first;
            secret = second;
            return true;
        }

        id = secret = "";
        return false;
    }

    private static byte[] Payload(string id, long expires, long timestamp)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("api_key", id);
            writer.WriteNumber("exp", expires);
            writer.WriteNumber("timestamp", timestamp);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
