using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// Debian's <c>redis-server</c>, started for a test on 127.0.0.1 with a port the OS chose (redis cannot take port 0:
/// a free port is taken from the OS, and another tried if redis loses the race for it), in a temporary folder, with no
/// persistence. <see cref="Kill"/> ends it abruptly (an outage), <see cref="StartAsync()"/> brings it back on the same
/// port; disposing stops it and deletes the folder.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/redis-server";

    private static readonly Lazy<Task> Installation = new(InstallAsync);
    private readonly string _directory = Directory.CreateTempSubdirectory("qianfan-redis-").FullName;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private RedisServer()
    {
    }

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>What redis-server printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts one; installs Debian's package first when it is missing and this is a root Debian machine (so a plain
    /// <c>dotnet test</c> works on a fresh one); fails the test (never skips it) when it still is not there.
    /// </summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            await Installation.Value;
        }

        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"redis-server was not found at {ExecutablePath}; the Redis tests need it. Install it with "
                + "'apt-get install -y redis-server' (.ci/run does so when it is missing).");
        }

        var server = new RedisServer();
        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePort();
            if (await server.TryStartAsync())
            {
                return server;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"redis-server did not start in 5 attempts:\n{server.Log}");
            }
        }
    }

    /// <summary>Starts it again on its port, after <see cref="Kill"/>.</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; !await TryStartAsync(); attempt++)
        {
            if (attempt == 20)
            {
                throw new InvalidOperationException($"redis-server did not start again on port {Port}:\n{Log}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Ends the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
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

    private async Task<bool> TryStartAsync()
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "notice",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Read(string text)
        {
            lock (_log)
            {
                _log.AppendLine(text);
            }

            if (text.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult(true);
            }
        }

        process.Exited += (_, _) => ready.TrySetResult(false);
        process.Start();
        LineReader.Start(process.StandardOutput, Read, "redis stdout");
        LineReader.Start(process.StandardError, Read, "redis stderr");
        var started = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (!started || process.HasExited)
        {
            process.Dispose();
            return false;
        }

        _process = process;
        return true;
    }

    private static async Task InstallAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var install = Process.Start(start)!;
        await Task.WhenAll(install.StandardOutput.ReadToEndAsync(), install.StandardError.ReadToEndAsync());
        await install.WaitForExitAsync();
    }
}
