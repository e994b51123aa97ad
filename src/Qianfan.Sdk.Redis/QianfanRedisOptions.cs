namespace Qianfan.Sdk.Redis;

/// <summary>
/// How <c>UseRedis</c> shares tokens and limits through Redis. Every instance of an application that should share
/// them uses the same Redis, the same <see cref="KeyPrefix"/> and the same credentials.
/// </summary>
public sealed class QianfanRedisOptions
{
    /// <summary>The first part of every key the SDK writes (<c>{prefix}:{hash}:…</c>); default <c>qianfan</c>.</summary>
    public string KeyPrefix { get; set; } = "qianfan";

    /// <summary>The Redis database to use; -1 (the default) is the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// A 256-bit key (32 bytes) to encrypt the tokens stored in Redis with (AES-GCM, each bound to its key name).
    /// Null (the default) stores them in clear: Redis then holds bearer credentials and must be protected like a
    /// secret store. Every instance must use the same key; a token that does not decrypt is treated as absent.
    /// </summary>
    public byte[]? TokenEncryptionKey { get; set; }

    /// <summary>
    /// How much longer than its nominal second or minute each shared window is kept; default 50 ms. Requests are
    /// counted when Redis grants them, and reach the service a little later; the margin absorbs the difference in
    /// that delay between two requests, so the service never sees more than the limit in one of its windows.
    /// </summary>
    public TimeSpan WindowMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long one Redis operation may take before Redis counts as unavailable for the call; default 500 ms.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>While Redis is unavailable, how often a call tries it again (the others stay in the process); default 1 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the instance renewing a token holds the fleet's lock at most; default 15 s. If it dies meanwhile,
    /// another instance takes over after this long.
    /// </summary>
    public TimeSpan TokenLockLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws when a setting is out of range; messages name the setting.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            throw new ArgumentException("KeyPrefix must not be empty.", nameof(KeyPrefix));
        }

        if (TokenEncryptionKey is { Length: not 32 } key)
        {
            throw new ArgumentException($"TokenEncryptionKey must be 32 bytes (AES-256), was {key.Length}.", nameof(TokenEncryptionKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Database, -1, nameof(Database));
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowMargin, TimeSpan.Zero, nameof(WindowMargin));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OperationTimeout, TimeSpan.Zero, nameof(OperationTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInterval, TimeSpan.Zero, nameof(RetryInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TokenLockLease, TimeSpan.Zero, nameof(TokenLockLease));
    }

    /// <summary>A copy, so settings changed after <c>UseRedis</c> do not reach a running fleet.</summary>
    internal QianfanRedisOptions Clone() => new()
    {
        KeyPrefix = KeyPrefix,
        Database = Database,
        TokenEncryptionKey = TokenEncryptionKey?.ToArray(),
        WindowMargin = WindowMargin,
        OperationTimeout = OperationTimeout,
        RetryInterval = RetryInterval,
        TokenLockLease = TokenLockLease,
    };
}
