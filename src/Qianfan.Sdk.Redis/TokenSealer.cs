using System.Security.Cryptography;
using System.Text;

namespace Qianfan.Sdk.Redis;

/// <summary>
/// What a stored token looks like in Redis: in clear, or sealed with AES-256-GCM under the application's key, the key
/// name as associated data (a sealed token copied to another key does not open). Its fingerprint (an HMAC under the
/// key, else a SHA-256) lets an instance drop exactly the token the service rejected without reading it.
/// </summary>
internal sealed class TokenSealer(byte[]? key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public bool Encrypts => key is not null;

    /// <summary>A short, one-way name of <paramref name="token"/>.</summary>
    public string Fingerprint(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var hash = key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes);
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The token as stored: itself, or base64 of nonce, tag and ciphertext.</summary>
    public string Seal(string token, string keyName)
    {
        if (key is null)
        {
            return token;
        }

        var plain = Encoding.UTF8.GetBytes(token);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(keyName));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The token, or null when a sealed one does not open (another key, or altered).</summary>
    public string? Open(string stored, string keyName)
    {
        if (key is null)
        {
            return stored;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(stored);
            if (sealedBytes.Length < NonceSize + TagSize)
            {
                return null;
            }

            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(keyName));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
