namespace Qianfan.Sdk.Redis;

/// <summary>A Redis operation failed or took too long: the caller falls back to the process.</summary>
internal sealed class RedisUnavailableException : Exception
{
    public RedisUnavailableException()
    {
    }

    public RedisUnavailableException(string message)
        : base(message)
    {
    }

    public RedisUnavailableException(Exception innerException)
        : base("Redis is unavailable.", innerException)
    {
    }

    public RedisUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
