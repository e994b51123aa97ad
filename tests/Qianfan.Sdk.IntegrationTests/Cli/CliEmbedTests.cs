using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary><c>embed</c> as a process against a test-owned emulator: one JSON array per text, in order.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliEmbedTests
{
    [Fact]
    public async Task V1_PrintsOneVectorPerTextInOrder_Exit0()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var texts = Enumerable.Range(0, 18).Select(i => $"第{i}段").ToArray();

        var result = await CliProcess.RunAsync(["embed", .. texts], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(18, lines.Length);
        var vectors = lines.Select(line => JsonSerializer.Deserialize<float[]>(line)!).ToList();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.NotEqual(vectors[0], vectors[1]);
        Assert.Equal(2, emu.Requests.Count(r => r.Path.EndsWith("/embeddings/embedding-v1", StringComparison.Ordinal))); // 16 + 2
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task V2_WithAModel_PrintsItsVectors_TheSameAsV1()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var environment = CliProcess.EnvironmentFor(emu);
        environment["QIANFAN_API_KEY"] = emu.V2ApiKey;
        environment["QIANFAN_V2_BASE_URL"] = emu.BaseUrl;

        var v2 = await CliProcess.RunAsync(["embed", "--api", "v2", "--model", "bge-large-zh", "你好"], environment);
        var v1 = await CliProcess.RunAsync(["embed", "--model", "bge-large-zh", "你好"], environment);

        Assert.True(v2.ExitCode == 0, v2.ToString());
        var vector = JsonSerializer.Deserialize<float[]>(v2.StdOut)!;
        Assert.Equal(1024, vector.Length);
        Assert.Equal(v1.StdOut, v2.StdOut);
        Assert.Single(emu.Requests, r => r.Path == "/v2/embeddings");
        Assert.All(vector, v => Assert.Equal(v, float.Parse(v.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AnEmptyText_IsAValidationFailure_Exit2NamingTheField()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["embed", "a", ""], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("(field: input[1])", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.DoesNotContain(emu.Requests, r => r.Path.Contains("/embeddings/", StringComparison.Ordinal));
    }
}
