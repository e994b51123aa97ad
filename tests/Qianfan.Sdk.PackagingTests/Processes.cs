using System.Diagnostics;
using System.Text;

namespace Qianfan.Sdk.PackagingTests;

/// <summary>What a finished process printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
{
    public string Output => StdOut + StdErr;

    public override string ToString() =>
        $"{Command}\nexit {ExitCode} after {Elapsed.TotalSeconds:F0} s\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs the dotnet CLI, the installed tools and the published apps as child processes: output captured as UTF-8,
/// a bounded wait (the process tree is killed when it runs out), builds at a lower CPU priority (<c>nice</c>) so the
/// test suites running beside them keep theirs. Every <c>QIANFAN_*</c>, <c>MSBUILD*</c> and <c>VSTEST*</c> variable of the
/// test process is left out of the child's environment; the caller adds what the child should see.
/// </summary>
internal static class Processes
{
    private static readonly string? Nice = File.Exists("/usr/bin/nice") ? "/usr/bin/nice" : null;

    /// <summary>The dotnet host running the tests, so children use the same SDK and runtime.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)
            ? hostPath
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
                ? current
                : "dotnet";

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> args,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        bool lowPriority = false)
    {
        using var process = Start(fileName, args, workingDirectory, environment, lowPriority, out var command);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{command} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return new ProcessResult(command, process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    /// <summary>Starts a process whose output the caller reads (a server); the caller kills and disposes it.</summary>
    public static Process Start(
        string fileName,
        IEnumerable<string> args,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        bool lowPriority,
        out string command)
    {
        var arguments = args.ToList();
        command = string.Join(' ', arguments.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var start = new ProcessStartInfo(lowPriority && Nice is not null ? Nice : fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        if (lowPriority && Nice is not null)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add("10");
            start.ArgumentList.Add(fileName);
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        process.StandardInput.Close();
        return process;
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("QIANFAN_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);
}
