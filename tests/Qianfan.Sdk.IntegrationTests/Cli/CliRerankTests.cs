using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary><c>rerank</c> as a process: <c>INDEX&lt;TAB&gt;SCORE&lt;TAB&gt;DOCUMENT</c>, best first.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliRerankTests
{
    private static readonly string NL = Environment.NewLine;

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task PrintsTheResultsBestFirst_WithTheDocumentsIndexes(string api)
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var environment = CliProcess.EnvironmentFor(emu);
        environment["QIANFAN_API_KEY"] = emu.V2ApiKey;
        environment["QIANFAN_V2_BASE_URL"] = emu.BaseUrl;

        var result = await CliProcess.RunAsync(["rerank", "--api", api, "--query", "苹果价格", "西红柿", "苹果手机价格", "苹果"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"1\t1\t苹果手机价格{NL}2\t0.5\t苹果{NL}0\t0\t西红柿{NL}", result.StdOut);
    }

    [Fact]
    public async Task TopN_PrintsOnlyTheBest()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["rerank", "--top-n", "1", "--query", "a", "b", "a"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"1\t1\ta{NL}", result.StdOut);
    }

    [Fact]
    public async Task TopNOverTheDocuments_Exit2NamingTheField_AndNoQueryIsAUsageError()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var topN = await CliProcess.RunAsync(["rerank", "--top-n", "3", "--query", "a", "b", "a"], CliProcess.EnvironmentFor(emu));
        var noQuery = await CliProcess.RunAsync(["rerank", "b", "a"], CliProcess.EnvironmentFor(emu));

        Assert.True(topN.ExitCode == 2, topN.ToString());
        Assert.Contains("(field: top_n)", topN.StdErr, StringComparison.Ordinal);
        Assert.True(noQuery.ExitCode == 2, noQuery.ToString());
        Assert.Contains("--query is required", noQuery.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.Requests, r => r.Path.Contains("reranker", StringComparison.Ordinal));
    }
}
