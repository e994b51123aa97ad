using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>
/// The ASP.NET Core sample running for real: <c>dotnet Qianfan.Samples.AspNet.dll --urls http://127.0.0.1:0</c> as a
/// child process, its content root the sample's source folder, the bound address read from its start-up log. Every
/// <c>QIANFAN_*</c> and <c>Qianfan__*</c> variable of the test process is removed from the child's environment; the
/// test decides which ones it sees.
/// </summary>
internal sealed partial class SampleApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleApp(Process process)
    {
        _process = process;
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>An HttpClient for the app (no timeout of its own beyond a generous one).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the app wrote to stdout and stderr so far (its console log).</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits until the app's log contains <paramref name="text"/> (the console logger writes in the background).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var watch = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"the app never logged '{text}'; its output:\n{Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Asserts the response's status; on a mismatch the message shows its body and the app's log.</summary>
    public async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"expected HTTP {(int)expected}, got {(int)response.StatusCode}: {body}\nthe app's log:\n{Output}");
        }
    }

    /// <summary>The environment that points the app at <paramref name="emulator"/> (V1 and V2) through its <c>Qianfan</c> configuration section.</summary>
    public static Dictionary<string, string> EnvironmentFor(QianfanEmulator emulator) => new()
    {
        ["Qianfan__BaseUrl"] = emulator.BaseUrl,
        ["Qianfan__ApiKey"] = emulator.ApiKey,
        ["Qianfan__SecretKey"] = emulator.SecretKey,
        ["Qianfan__V2BaseUrl"] = emulator.BaseUrl,
        ["Qianfan__V2ApiKey"] = emulator.V2ApiKey,
        ["Qianfan__Retry__MaxRetries"] = "0",
    };

    /// <summary>Starts the sample and returns once it accepts connections.</summary>
    public static async Task<SampleApp> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Qianfan.Samples.AspNet.dll");
        Assert.True(File.Exists(dll), $"the ASP.NET Core sample was not found at {dll}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0", "--contentRoot", ContentRoot() })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // CI runs every test project at once on two cores: give the token exchange more than its default 5 s.
        start.Environment["Qianfan__AuthTimeout"] = "00:00:30";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new SampleApp(process);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Exited += (_, _) => app._listening.TrySetException(new InvalidOperationException("the sample exited before it listened"));
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            app.BaseAddress = await app._listening.Task.WaitAsync(StartTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await app.DisposeAsync();
            Assert.Fail($"the sample did not start ({ex.Message}); its output:\n{app.Output}");
        }

        app.Http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("QIANFAN_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Qianfan__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.Equals("URLS", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sample's source folder (wwwroot and appsettings.json), found above the test's output folder.</summary>
    private static string ContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "Qianfan.Samples.AspNet");
            if (File.Exists(Path.Combine(candidate, "wwwroot", "index.html")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"samples/Qianfan.Samples.AspNet was not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The dotnet host running the tests, so the sample runs on the same runtime.</summary>
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

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
