using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// One instance of the fleet as a process of its own: <c>dotnet Qianfan.Sdk.Redis.LoadApp.dll ARGS</c> (copied beside
/// the tests by the project reference). It says <c>ready</c>, waits for the start line, runs, and prints its summary.
/// </summary>
internal sealed class LoadProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoadProcess(Process process)
    {
        _process = process;
    }

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "Qianfan.Sdk.Redis.LoadApp.dll");

    /// <summary>Everything it printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return $"--- stdout ---\n{_stdout}\n--- stderr ---\n{_stderr}";
            }
        }
    }

    public static LoadProcess Start(IEnumerable<string> args)
    {
        Assert.True(File.Exists(DllPath), $"the load app was not found at {DllPath}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("QIANFAN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        var load = new LoadProcess(process);
        process.Start();
        LineReader.Start(process.StandardOutput, text =>
        {
            lock (load._stdout)
            {
                load._stdout.AppendLine(text);
            }

            if (text == "ready")
            {
                load._ready.TrySetResult();
            }
        }, "load stdout");
        LineReader.Start(process.StandardError, text =>
        {
            lock (load._stdout)
            {
                load._stderr.AppendLine(text);
            }
        }, "load stderr");
        return load;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited).WaitAsync(timeout);
        Assert.True(first == _ready.Task, $"the load process ended before it was ready:\n{Output}");
    }

    public async Task GoAsync()
    {
        await _process.StandardInput.WriteLineAsync("go");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for it to end and reads its summary line.</summary>
    public async Task<JsonElement> SummaryAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit();
        Assert.True(_process.ExitCode == 0, $"the load process exited with {_process.ExitCode}:\n{Output}");
        string line;
        lock (_stdout)
        {
            line = _stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith('{'));
        }

        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

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
}
