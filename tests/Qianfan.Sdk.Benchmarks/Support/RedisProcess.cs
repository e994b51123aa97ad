using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>
/// Debian's <c>redis-server</c> on 127.0.0.1 for the Redis benchmarks: a free port from the OS (tried again if redis
/// loses the race for it), a temporary folder, no persistence; stopped and deleted on dispose. <c>.ci/run</c> installs
/// the package when it is missing.
/// </summary>
public sealed class RedisProcess : IDisposable
{
    private const string ExecutablePath = "/usr/bin/redis-server";
    private readonly string _directory = Directory.CreateTempSubdirectory("qianfan-bench-redis-").FullName;
    private Process? _process;

    private RedisProcess()
    {
    }

    public int Port { get; private set; }

    /// <summary>A connection as an application makes one: fail fast while disconnected.</summary>
    public ConnectionMultiplexer Connect()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{Port}");
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(options);
    }

    /// <summary>Whether redis-server is on this machine (CI installs it; a developer machine may not have it).</summary>
    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static RedisProcess Start()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"redis-server was not found at {ExecutablePath}: apt-get install -y redis-server (.ci/run does so when it is missing).");
        }

        var redis = new RedisProcess();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            redis.Port = FreePort();
            if (redis.TryStart())
            {
                return redis;
            }
        }

        redis.Dispose();
        throw new InvalidOperationException("redis-server did not start in 5 attempts.");
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool TryStart()
    {
        var start = new ProcessStartInfo(ExecutablePath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no", "--logfile", Path.Combine(_directory, "redis.log") })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                process.Dispose();
                return false;
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                _process = process;
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        process.Kill();
        process.Dispose();
        return false;
    }
}
