namespace Qianfan.Sdk.Redis;

/// <summary>The token store's Lua scripts.</summary>
internal static class TokenScripts
{
    /// <summary>Releases the renewal lock if this instance still holds it. KEYS: lock. ARGV: the owner.</summary>
    public const string Unlock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>Drops the stored token if it is still the one with this fingerprint. KEYS: token. ARGV: "1|fingerprint|".</summary>
    public const string Forget = """
        local v = redis.call('GET', KEYS[1])
        if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;
}
