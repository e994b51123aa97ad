using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary><c>complete</c> as a process: the continuation, whole or streamed, with chat's sampling options.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliCompleteTests
{
    private static readonly string NL = Environment.NewLine;

    private static string Continuation(string prompt) => $"这是千帆模拟器的续写。接着“{prompt}”往下写。祝你一切顺利！";

    [Fact]
    public async Task PrintsTheContinuation_AndSendsTheSamplingOptions()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(
            ["complete", "--temperature", "0.5", "--top-k", "3", "--max-output-tokens", "64", "--stop", ";", "SELECT * FROM t"],
            CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Continuation("SELECT * FROM t") + NL, result.StdOut);
        var call = Assert.Single(emu.Requests, r => r.Path.EndsWith("/completions/sqlcoder_7b", StringComparison.Ordinal));
        Assert.Equal("""{"prompt":"SELECT * FROM t","temperature":0.5,"top_k":3,"stop":[";"],"max_output_tokens":64}""", call.Body);
    }

    [Fact]
    public async Task Stream_ToACustomEndpoint_PrintsTheSameText()
    {
        // Without credentials the CLI starts its own emulator, which serves the custom endpoint it was given.
        var own = await CliProcess.RunAsync(["complete", "--stream", "--endpoint", "my_service", "从前"], environment: null);

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal(Continuation("从前") + NL, own.StdOut);
        Assert.Contains("notice: no Qianfan credentials are set", own.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelAndEndpointTogether_IsAUsageError_AndABadTemperatureNamesTheField()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var both = await CliProcess.RunAsync(["complete", "--model", "SQLCoder-7B", "--endpoint", "x", "p"], CliProcess.EnvironmentFor(emu));
        var hot = await CliProcess.RunAsync(["complete", "--temperature", "1.5", "p"], CliProcess.EnvironmentFor(emu));

        Assert.True(both.ExitCode == 2, both.ToString());
        Assert.Contains("give --model or --endpoint, not both", both.StdErr, StringComparison.Ordinal);
        Assert.True(hot.ExitCode == 2, hot.ToString());
        Assert.Contains("(field: temperature)", hot.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.Requests, r => r.Path.Contains("/completions/", StringComparison.Ordinal));
    }
}
