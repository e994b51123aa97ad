namespace Qianfan.Sdk.Redis;

/// <summary>
/// The limiter's Lua scripts: each runs atomically in Redis, on Redis's clock (<c>TIME</c>, in microseconds), so every
/// instance sees one set of windows whatever its own clock says. Windows are sorted sets of request ids scored by the
/// time Redis granted them; the token window holds <c>id:tokens</c> members with their sum beside it. Every key gets a
/// TTL a little past its window, so nothing outlives its use.
/// </summary>
internal static class LimitScripts
{
    /// <summary>
    /// One acquisition. KEYS: qps, rpm, tpm, tpm-sum, learned-rpm, learned-tpm, pause, seq. ARGV: the configured QPS,
    /// RPM and TPM (0 = none), the window margin (µs). Returns {1, 0} when granted (the request is counted in the
    /// second and minute windows), else {0, µs to wait}: the pause left, or when the first window that is full frees a slot.
    /// </summary>
    public const string Acquire = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local margin = tonumber(ARGV[4])
        local paused = redis.call('PTTL', KEYS[7])
        if paused > 0 then return {0, paused * 1000} end
        local function learned(key, limit)
          if limit <= 0 then return limit end
          local l = tonumber(redis.call('GET', key))
          if l and l < limit then return l end
          return limit
        end
        local function slot(key, limit, span)
          if limit <= 0 then return 0 end
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - span)
          local count = redis.call('ZCARD', key)
          if count < limit then return 0 end
          local at = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
          return tonumber(at[2]) + span - now
        end
        local second = 1000000 + margin
        local minute = 60000000 + margin
        local qps = tonumber(ARGV[1])
        local rpm = learned(KEYS[5], tonumber(ARGV[2]))
        local tpm = learned(KEYS[6], tonumber(ARGV[3]))
        local wait = math.max(slot(KEYS[1], qps, second), slot(KEYS[2], rpm, minute))
        if tpm > 0 then
          local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - minute)
          local sum = tonumber(redis.call('GET', KEYS[4])) or 0
          if #old > 0 then
            for _, m in ipairs(old) do sum = sum - tonumber(string.match(m, ':(%d+)$')) end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - minute)
            if sum > 0 then redis.call('SET', KEYS[4], sum, 'KEEPTTL') else redis.call('DEL', KEYS[4]) end
          end
          if sum >= tpm then
            local first = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
            if first[2] then
              wait = math.max(wait, tonumber(first[2]) + minute - now)
            else
              redis.call('DEL', KEYS[4])
            end
          end
        end
        if wait > 0 then return {0, math.ceil(wait)} end
        local id = redis.call('INCR', KEYS[8])
        redis.call('PEXPIRE', KEYS[8], math.ceil(minute / 1000) + 1000)
        if qps > 0 then
          redis.call('ZADD', KEYS[1], now, id)
          redis.call('PEXPIRE', KEYS[1], math.ceil(second / 1000) + 1000)
        end
        if rpm > 0 then
          redis.call('ZADD', KEYS[2], now, id)
          redis.call('PEXPIRE', KEYS[2], math.ceil(minute / 1000) + 1000)
        end
        return {1, 0}
        """;

    /// <summary>Charges a call's tokens. KEYS: tpm, tpm-sum, seq. ARGV: the tokens, the window margin (µs).</summary>
    public const string RecordTokens = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local ttl = math.ceil((60000000 + tonumber(ARGV[2])) / 1000) + 1000
        local id = redis.call('INCR', KEYS[3])
        redis.call('PEXPIRE', KEYS[3], ttl)
        redis.call('ZADD', KEYS[1], now, id .. ':' .. ARGV[1])
        redis.call('INCRBY', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('PEXPIRE', KEYS[2], ttl)
        return 1
        """;

    /// <summary>
    /// Learns from an answer's quota. KEYS: rpm, tpm, tpm-sum, learned-rpm, learned-tpm. ARGV: the account's RPM, the
    /// requests left, the account's TPM, the tokens left (-1 where the answer said nothing), the configured RPM and
    /// TPM, the window margin (µs). A limit below the configured one (the account's, or the fleet's own count plus what
    /// the account has left) is kept for a minute; otherwise the learned one is dropped.
    /// </summary>
    public const string Observe = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local minute = 60000000 + tonumber(ARGV[7])
        local function learn(limit, remaining, counted)
          local l = nil
          if limit > 0 then l = limit end
          if remaining >= 0 then
            local room = counted + remaining
            if l == nil or room < l then l = room end
          end
          if l ~= nil and l < 1 then l = 1 end
          return l
        end
        local function keep(key, l, configured)
          if l ~= nil and l < configured then
            redis.call('SET', key, l, 'PX', math.ceil(minute / 1000))
          else
            redis.call('DEL', key)
          end
        end
        local rpm = tonumber(ARGV[5])
        if rpm > 0 and (tonumber(ARGV[1]) >= 0 or tonumber(ARGV[2]) >= 0) then
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - minute)
          keep(KEYS[4], learn(tonumber(ARGV[1]), tonumber(ARGV[2]), redis.call('ZCARD', KEYS[1])), rpm)
        end
        local tpm = tonumber(ARGV[6])
        if tpm > 0 and (tonumber(ARGV[3]) >= 0 or tonumber(ARGV[4]) >= 0) then
          keep(KEYS[5], learn(tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(redis.call('GET', KEYS[3])) or 0), tpm)
        end
        return 1
        """;

    /// <summary>Holds every instance's new requests. KEYS: pause. ARGV: how long (ms); a longer pause already set is kept.</summary>
    public const string Pause = """
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        end
        return 1
        """;
}
