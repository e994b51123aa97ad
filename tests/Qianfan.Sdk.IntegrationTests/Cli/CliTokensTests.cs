using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary><c>tokens</c> as a process: the service's count, or with <c>--local</c> the estimate with nothing sent.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliTokensTests
{
    private static readonly string NL = Environment.NewLine;

    [Fact]
    public async Task PrintsTheServicesCount()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["tokens", "--model", "ernie-4.0-8k", "这是待计算 token 数量的一段文本"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("8" + NL, result.StdOut);
        var call = Assert.Single(emu.Requests, r => r.Path.EndsWith("/tokenizer/erniebot", StringComparison.Ordinal));
        Assert.Contains("\"model\":\"ernie-4.0-8k\"", call.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_PrintsTheEstimate_WithoutCredentialsOrEmulator()
    {
        var result = await CliProcess.RunAsync(["tokens", "--local", "这是待计算 token 数量的一段文本"], environment: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("8" + NL, result.StdOut);
        Assert.Equal("", result.StdErr); // no emulator notice: nothing was started
    }

    [Fact]
    public async Task NoText_IsAUsageError_AndARefusedModelIsAServiceError()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var none = await CliProcess.RunAsync(["tokens", "--local"], environment: null);
        var refused = await CliProcess.RunAsync(["tokens", "--model", "llama-2", "text"], CliProcess.EnvironmentFor(emu));

        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("expected one TEXT", none.StdErr, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("error 336003: model llama-2 is not supported by the tokenizer", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal("", refused.StdOut);
    }
}
