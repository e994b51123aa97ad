using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Qianfan.Sdk.PackagingTests;

/// <summary>The packaging tests share one fixture, so the packages are packed, and the tools installed, once.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeed : ICollectionFixture<PackagesFixture>
{
    public const string Name = "Packed feed";
}

/// <summary>
/// The work every packaging test builds on, done once: every package packed (<c>dotnet pack eng/Packages.proj</c>) into
/// a feed in a temporary folder; a NuGet.config there naming that feed for <c>Qianfan.*</c> and nuget.org for the rest,
/// with a packages folder of its own (nothing stale from the machine's cache); both tools installed from the feed into
/// a tool path; and the emulator tool started on 127.0.0.1 with an OS-chosen port, for the CLI and the consumer app.
/// </summary>
public sealed partial class PackagesFixture : IAsyncLifetime
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly StringBuilder _emulatorOutput = new();
    private Process? _emulator;

    public PackagesFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = typeof(PackagesFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "QianfanPackageVersion").Value!;
        WorkDirectory = Directory.CreateTempSubdirectory("qianfan-packaging-").FullName;
        Feed = Path.Combine(WorkDirectory, "feed");
        PackagesFolder = Path.Combine(WorkDirectory, "packages");
        ToolPath = Path.Combine(WorkDirectory, "tools");
        NuGetConfig = Path.Combine(WorkDirectory, "NuGet.config");
    }

    public string RepositoryRoot { get; }

    public string Version { get; }

    public string WorkDirectory { get; }

    public string Feed { get; }

    public string PackagesFolder { get; }

    public string ToolPath { get; }

    public string NuGetConfig { get; }

    public ProcessResult Pack { get; private set; } = null!;

    public string EmulatorUrl { get; private set; } = "";

    /// <summary>What the emulator tool printed on start: its URL, the credentials, the routes.</summary>
    public string EmulatorBanner { get; private set; } = "";

    /// <summary>
    /// The environment of every child that restores or runs a tool: the isolated packages folder, and the dotnet
    /// root the tools' launchers need.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToolEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(Processes.DotnetHost)) ?? "",
    };

    public string Tool(string command) => Path.Combine(ToolPath, command);

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        // The repository's own restore and packages folder: only the feed and the consumer are isolated.
        Pack = await Processes.RunAsync(
            Processes.DotnetHost,
            ["pack", Path.Combine(RepositoryRoot, "eng", "Packages.proj"), "-o", Feed, "-nologo", "-tl:off", "-nodeReuse:false", "-v:m"],
            RepositoryRoot,
            BuildTimeout,
            lowPriority: true);
        Assert.True(Pack.ExitCode == 0, $"dotnet pack failed:\n{Pack}");

        await File.WriteAllTextAsync(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{PackagesFolder}" />
              </config>
              <packageSources>
                <clear />
                <add key="packed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="packed"><package pattern="Qianfan.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        foreach (var package in new[] { "Qianfan.Sdk.Emulator", "Qianfan.Sdk.Cli" })
        {
            var install = await Processes.RunAsync(
                Processes.DotnetHost,
                ["tool", "install", package, "--version", Version, "--tool-path", ToolPath, "--configfile", NuGetConfig],
                WorkDirectory,
                BuildTimeout,
                ToolEnvironment);
            Assert.True(install.ExitCode == 0, $"installing the tool {package} failed:\n{install}");
        }

        await StartEmulatorAsync();
        Console.WriteLine($"packaging fixture ready in {watch.Elapsed.TotalSeconds:F0} s (pack {Pack.Elapsed.TotalSeconds:F0} s)");
    }

    public Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            try
            {
                _emulator.Kill(entireProcessTree: true);
                _emulator.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // It had exited.
            }

            _emulator.Dispose();
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    private async Task StartEmulatorAsync()
    {
        _emulator = Processes.Start(Tool("qianfan-emulator"), ["--port", "0"], WorkDirectory, ToolEnvironment, lowPriority: false, out var command);
        _emulator.OutputDataReceived += (_, e) =>
        {
            lock (_emulatorOutput)
            {
                _emulatorOutput.AppendLine(e.Data);
            }
        };
        _emulator.ErrorDataReceived += (_, e) =>
        {
            lock (_emulatorOutput)
            {
                _emulatorOutput.AppendLine(e.Data);
            }
        };
        _emulator.BeginOutputReadLine();
        _emulator.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (true)
        {
            string text;
            lock (_emulatorOutput)
            {
                text = _emulatorOutput.ToString();
            }

            if (text.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal))
            {
                EmulatorBanner = text;
                EmulatorUrl = ListeningOn().Match(text) is { Success: true } match
                    ? match.Groups[1].Value
                    : throw new InvalidOperationException($"{command} printed no URL:\n{text}");
                return;
            }

            if (_emulator.HasExited || watch.Elapsed > RunTimeout)
            {
                throw new InvalidOperationException($"{command} did not start within {RunTimeout}:\n{text}");
            }

            await Task.Delay(50);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qianfan.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Qianfan.Sdk.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^Qianfan emulator listening on (http://127\.0\.0\.1:\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ListeningOn();
}
