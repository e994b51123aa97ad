using System.Collections.Concurrent;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// What the Zhipu routes of one emulator share: the API key they accept (<c>{id}.{secret}</c>, as a bearer itself or
/// as the secret a JWT is signed with) and the asynchronous chat tasks submitted so far.
/// </summary>
internal sealed class ZhipuState
{
    public ZhipuState(string apiKey)
    {
        ApiKey = apiKey;
        var dot = apiKey.IndexOf('.', StringComparison.Ordinal);
        KeyId = dot > 0 ? apiKey[..dot] : apiKey;
        Secret = dot > 0 ? apiKey[(dot + 1)..] : "";
    }

    public string ApiKey { get; }

    /// <summary>The key's id, a JWT's <c>api_key</c> claim.</summary>
    public string KeyId { get; }

    /// <summary>The key's secret, a JWT's HMAC-SHA256 key.</summary>
    public string Secret { get; }

    public ConcurrentDictionary<string, GlmTask> Tasks { get; } = new(StringComparer.Ordinal);
}
