using System.Diagnostics;
using System.Text;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>What a finished run of the command-line sample produced. stdout and stderr are decoded strictly as UTF-8,
/// so a byte order mark or an invalid byte would show.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs the built command-line sample (<c>qianfan-chat.dll</c>, copied next to the tests by the project reference) as
/// a separate process with <c>dotnet</c>, stdin/stdout/stderr redirected as UTF-8. Every <c>QIANFAN_*</c> and
/// <c>DASHSCOPE_*</c> variable of the test process is removed from the child's environment; the test decides which ones it sees.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    /// <summary>The CLI test classes share one collection, so only one CLI process (a whole .NET runtime) runs at a time
    /// and the rest of the suite's timing-sensitive tests keep their CPU.</summary>
    public const string Collection = "CLI processes";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Process _process;
    private readonly Capture _stdout = new();
    private readonly Capture _stderr = new();
    private readonly Task _pumps;

    private CliProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(
            _stdout.PumpAsync(process.StandardOutput.BaseStream),
            _stderr.PumpAsync(process.StandardError.BaseStream));
    }

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "qianfan-chat.dll");

    /// <summary>stdout so far, decoded leniently (a piece may still be arriving).</summary>
    public string StdOutSoFar => Encoding.UTF8.GetString(_stdout.Bytes);

    /// <summary>The environment that makes the CLI use <paramref name="emulator"/>'s credentials and address.</summary>
    public static Dictionary<string, string> EnvironmentFor(QianfanEmulator emulator) => new()
    {
        ["QIANFAN_AK"] = emulator.ApiKey,
        ["QIANFAN_SK"] = emulator.SecretKey,
        ["QIANFAN_BASE_URL"] = emulator.BaseUrl,
    };

    /// <summary>The environment that makes the CLI use <paramref name="emulator"/>'s DashScope routes and key.</summary>
    public static Dictionary<string, string> DashScopeEnvironmentFor(QianfanEmulator emulator) => new()
    {
        ["DASHSCOPE_API_KEY"] = emulator.DashScopeApiKey,
        ["DASHSCOPE_HTTP_BASE_URL"] = emulator.DashScopeBaseUri.AbsoluteUri,
    };

    /// <summary>The environment that makes the CLI use <paramref name="emulator"/>'s Zhipu routes and key.</summary>
    public static Dictionary<string, string> ZhipuEnvironmentFor(QianfanEmulator emulator) => new()
    {
        ["ZHIPUAI_API_KEY"] = emulator.ZhipuApiKey,
        ["ZHIPUAI_BASE_URL"] = emulator.ZhipuBaseUri.AbsoluteUri,
    };

    /// <summary>
    /// Starts <c>dotnet qianfan-chat.dll ARGS</c> (or another sample's <paramref name="dll"/> next to the tests);
    /// <paramref name="stdin"/> is written and stdin closed (null closes it at once).
    /// </summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? stdin = null, string? dll = null)
    {
        var dllPath = dll is null ? DllPath : Path.Combine(AppContext.BaseDirectory, dll);
        Assert.True(File.Exists(dllPath), $"the sample was not found at {dllPath}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("QIANFAN_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DASHSCOPE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ZHIPUAI_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cli = new CliProcess(process);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return cli;
    }

    /// <summary>Starts the CLI, waits for it to exit (killing it after <see cref="DefaultTimeout"/>) and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? stdin = null, string? dll = null)
    {
        using var cli = Start(args, environment, stdin, dll);
        return await cli.WaitForExitAsync();
    }

    /// <summary>Waits until stdout satisfies <paramref name="condition"/>; fails if the process exits or time runs out first.</summary>
    public async Task<string> WaitForStdOutAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var text = StdOutSoFar;
            if (condition(text))
            {
                return text;
            }

            if (_process.HasExited || watch.Elapsed > timeout)
            {
                Assert.Fail($"stdout never met the condition; so far:\n{text}\nstderr:\n{Encoding.UTF8.GetString(_stderr.Bytes)}");
            }

            await Task.Delay(10);
        }
    }

    public async Task<CliResult> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await _pumps.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the CLI did not exit within {timeout ?? DefaultTimeout}; stdout:\n{StdOutSoFar}\nstderr:\n{Encoding.UTF8.GetString(_stderr.Bytes)}");
        }

        return new CliResult(_process.ExitCode, StrictUtf8.GetString(_stdout.Bytes), StrictUtf8.GetString(_stderr.Bytes));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host running the tests, so the CLI runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }

    private sealed class Capture
    {
        private readonly Lock _gate = new();
        private readonly List<byte> _buffer = [];

        public byte[] Bytes
        {
            get
            {
                lock (_gate)
                {
                    return _buffer.ToArray();
                }
            }
        }

        public async Task PumpAsync(Stream stream)
        {
            var chunk = new byte[4096];
            int read;
            while ((read = await stream.ReadAsync(chunk)) > 0)
            {
                lock (_gate)
                {
                    _buffer.AddRange(chunk.AsSpan(0, read));
                }
            }
        }
    }
}
