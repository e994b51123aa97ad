using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>The command-line sample's exit codes 1 and 2, with the error on stderr and nothing on stdout.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliFailureTests
{
    [Fact]
    public async Task ServiceError_Exit1_WithCodeAndMessageOnStderr()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        emu.Scenarios.FailNextChatCalls(1, 336003, "the request was refused by the test");

        var result = await CliProcess.RunAsync(["chat", "你好"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error 336003: the request was refused by the test", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Single(emu.Requests, r => r.IsChat);
    }

    [Fact]
    public async Task WrongSecretKey_Exit1_WithInvalidClientOnStderr()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var environment = CliProcess.EnvironmentFor(emu);
        environment["QIANFAN_SK"] = "wrong-secret-key";

        var result = await CliProcess.RunAsync(["chat", "你好"], environment);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error invalid_client: Client authentication failed", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-key", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.DoesNotContain(emu.Requests, r => r.IsChat);
    }

    [Fact]
    public async Task CutStream_Exit1_AfterPrintingThePiecesReceived()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        emu.Scenarios.CutNextStreams(1, afterSentences: 1);

        var result = await CliProcess.RunAsync(["chat", "--stream", "你好"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches("error [a-z0-9_]+: the stream ended before its last chunk", result.StdErr);
        Assert.Equal("这是千帆模拟器的回答。" + Environment.NewLine, result.StdOut);
        Assert.Single(emu.Requests, r => r.IsChat); // a stream already printed is not repeated
    }

    [Theory]
    [InlineData(new[] { "chat", "--bogus", "你好" }, "--bogus")]
    [InlineData(new[] { "chat", "--temperature", "abc", "你好" }, "--temperature expects a number, got 'abc'")]
    public async Task InvalidArguments_Exit2_NothingOnStdout_NothingSent(string[] args, string expected)
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(args, CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Empty(emu.Requests);
    }

    [Fact]
    public async Task RequestTheSdkRejects_Exit2_NamingTheField_NothingSent()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--temperature", "0", "你好"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("temperature must be in (0, 1], was 0", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("field: temperature", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Empty(emu.Requests);
    }

    [Fact]
    public async Task AnApiKeyWithoutItsSecretKey_Exit2_NamingTheMissingVariable_NoEmulator()
    {
        var result = await CliProcess.RunAsync(["chat", "你好"], new Dictionary<string, string> { ["QIANFAN_AK"] = "half-a-pair" });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("QIANFAN_SK", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("half-a-pair", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
    }

    [Theory]
    [InlineData(new[] { "chat", "你好" }, null)]
    [InlineData(new[] { "chat", "--stream", "你好" }, null)]
    [InlineData(new[] { "chat" }, "你好\n再见\n")] // a conversation stops at its first turn: no turn could be sent
    public async Task OnlyAV2ApiKey_V1Chat_Exit2_NamingWhatV1Needs_NothingSent(string[] args, string? stdin)
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["QIANFAN_API_KEY"] = emu.V2ApiKey,
            ["QIANFAN_BASE_URL"] = emu.BaseUrl,
            ["QIANFAN_V2_BASE_URL"] = emu.BaseUrl,
        };

        var result = await CliProcess.RunAsync(args, environment, stdin);

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.StdErr.Split('\n'), line => line.Contains("error", StringComparison.Ordinal));
        Assert.StartsWith("error: V1 calls need QIANFAN_AK and QIANFAN_SK", error.TrimStart('>', ' '), StringComparison.Ordinal);
        Assert.Contains("QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY", error, StringComparison.Ordinal);
        Assert.Contains("QIANFAN_ACCESS_TOKEN", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.V2ApiKey, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Empty(emu.Requests);
    }

    [Theory]
    [InlineData("你好")]
    [InlineData("--stream", "你好")]
    public async Task OnlyAppKeys_ApiV2Chat_Exit2_NamingWhatV2Needs_NothingSent(params string[] rest)
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.EnvironmentFor(emu);
        environment["QIANFAN_V2_BASE_URL"] = emu.BaseUrl;

        var result = await CliProcess.RunAsync(["chat", "--api", "v2", .. rest], environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.StdErr.Split('\n'), line => line.Contains("error", StringComparison.Ordinal));
        Assert.StartsWith("error: V2 calls need QIANFAN_API_KEY", error, StringComparison.Ordinal);
        Assert.Contains("QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.SecretKey, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Empty(emu.Requests);
    }

    [Fact]
    public async Task ApiV2_ChatsThroughChatCompletionsWithTheV2Key()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["QIANFAN_API_KEY"] = emu.V2ApiKey,
            ["QIANFAN_V2_BASE_URL"] = emu.BaseUrl,
        };

        var result = await CliProcess.RunAsync(["chat", "--api", "v2", "--stream", "第二版"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("这是千帆模拟器的回答。你说的是：第二版。祝你一切顺利！" + Environment.NewLine, result.StdOut);
        Assert.Single(emu.Requests, r => r.IsV2Chat);
        Assert.DoesNotContain(emu.V2ApiKey, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IamKeys_WinOverAppKeys_AndVerboseSaysSo()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.EnvironmentFor(emu);
        environment["QIANFAN_ACCESS_KEY"] = emu.IamAccessKey;
        environment["QIANFAN_SECRET_KEY"] = emu.IamSecretKey;

        var result = await CliProcess.RunAsync(["chat", "--verbose", "签名"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("which win over QIANFAN_AK / QIANFAN_SK", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.Requests, r => r.IsTokenRequest);
        Assert.True(Assert.Single(emu.Requests, r => r.IsChat).Headers.ContainsKey("x-bce-date"));
        Assert.DoesNotContain(emu.IamSecretKey, result.StdErr, StringComparison.Ordinal);
    }
}
