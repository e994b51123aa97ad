using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Limits;
using Qianfan.Sdk.Redis;
using StackExchange.Redis;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// The fleet limiter's acquisition on loopback Redis (<c>Qianfan.Sdk.Redis</c>, goal: one round trip, p99 under 1 ms):
/// <c>WaitAsync</c> with limits never reached, so every call is one grant (the QPS and RPM windows both written),
/// against a bare <c>PING</c> over the same connection (the floor: one round trip doing nothing). One caller, and 64
/// at once. Percentiles: <c>--redis-latency</c>.
/// </summary>
[MemoryDiagnoser]
public class RedisLimiterBenchmarks
{
    public const int Callers = 64;

    private RedisProcess _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisClientLimiter _limiter = null!;
    private IDatabase _database = null!;

    [GlobalSetup]
    public void Setup()
    {
        _redis = RedisProcess.Start();
        _connection = _redis.Connect();
        _database = _connection.GetDatabase();
        _limiter = Create(_connection);
        _limiter.WaitAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _limiter.Dispose();
        _connection.Dispose();
        _redis.Dispose();
    }

    /// <summary>A fleet limiter over <paramref name="connection"/> whose limits a benchmark never reaches.</summary>
    internal static RedisClientLimiter Create(IConnectionMultiplexer connection)
    {
        var limits = new RateLimitOptions { QueriesPerSecond = 1_000_000, RequestsPerMinute = 100_000_000 };
        var fleet = new RedisFleet(connection, ownsConnection: false, new QianfanRedisOptions { KeyPrefix = "bench" }, NullLogger.Instance, TimeProvider.System);
        var local = ClientRateLimiter.Create(limits, TimeProvider.System, static m => new InvalidOperationException(m))!;
        return new RedisClientLimiter(fleet, "qianfan-bench", limits, local, static m => new InvalidOperationException(m));
    }

    [Benchmark(Baseline = true, Description = "PING round trip, 1 caller")]
    public Task<TimeSpan> Ping() => _database.PingAsync();

    [Benchmark(Description = "Fleet acquisition (Lua), 1 caller")]
    public ValueTask Acquire() => _limiter.WaitAsync(CancellationToken.None);

    [Benchmark(OperationsPerInvoke = Callers, Description = "PING round trip, 64 callers at once")]
    public Task Ping_64() => Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => _database.PingAsync()));

    [Benchmark(OperationsPerInvoke = Callers, Description = "Fleet acquisition (Lua), 64 callers at once")]
    public Task Acquire_64() => Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => _limiter.WaitAsync(CancellationToken.None).AsTask()));
}
