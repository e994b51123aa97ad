using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>The command-line sample's successful paths, run as a process against a test-owned emulator.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliChatTests
{
    private static readonly string NL = Environment.NewLine;

    private static string Reply(string message) => $"这是千帆模拟器的回答。你说的是：{message}。祝你一切顺利！";

    [Fact]
    public async Task OneShot_PrintsExactlyTheReplyAndANewline_Exit0()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--model", "ERNIE-Speed-8K", "--temperature", "0.5", "1加1为什么等于2?"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("1加1为什么等于2?") + NL, result.StdOut);
        Assert.DoesNotContain("notice:", result.StdErr, StringComparison.Ordinal);
        var chat = Assert.Single(emu.Requests, r => r.IsChat);
        Assert.Equal("ernie_speed", chat.Endpoint);
        Assert.Equal(0.5, Body(chat).GetProperty("temperature").GetDouble());
        Assert.Single(emu.Requests, r => r.IsTokenRequest);
    }

    [Theory]
    [InlineData("你好\n再见\nexit\n")]
    [InlineData("你好\n\n再见")] // EOF ends it too; a blank line is skipped
    public async Task MultiTurn_FromStdin_PrintsTheRepliesInOrder_AndSendsTheHistory(string stdin)
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--system", "你是一位数学老师"], CliProcess.EnvironmentFor(emu), stdin);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好") + NL + Reply("再见") + NL, result.StdOut);
        Assert.Contains("> ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(">", result.StdOut, StringComparison.Ordinal);

        var chats = emu.Requests.Where(r => r.IsChat).ToList();
        Assert.Equal(2, chats.Count);
        Assert.Equal([("user", "你好")], Messages(chats[0]));
        Assert.Equal([("user", "你好"), ("assistant", Reply("你好")), ("user", "再见")], Messages(chats[1]));
        Assert.All(chats, c => Assert.Equal("你是一位数学老师", Body(c).GetProperty("system").GetString()));
        Assert.Single(emu.Requests, r => r.IsTokenRequest);
    }

    [Fact]
    public async Task Stream_PrintsTheSameTextAsSync_Exit0()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--stream", "你好"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好") + NL, result.StdOut);
        var chat = Assert.Single(emu.Requests, r => r.IsChat);
        Assert.True(Body(chat).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Stream_TheFirstPieceIsOnStdout_BeforeTheRestIsSent()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var hold = emu.Scenarios.HoldNextStreamAfterFirstChunk();

        using var cli = CliProcess.Start(["chat", "--stream", "你好"], CliProcess.EnvironmentFor(emu));
        var early = await cli.WaitForStdOutAsync(text => text.Contains("这是千帆模拟器的回答。", StringComparison.Ordinal), CliProcess.DefaultTimeout);

        Assert.False(hold.IsReleased);
        Assert.Equal("这是千帆模拟器的回答。", early);
        hold.Release();
        var result = await cli.WaitForExitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好") + NL, result.StdOut);
    }

    [Fact]
    public async Task MultiTurn_NeedClearHistory_WarnsOnStderr_AndClearsTheHistory()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        emu.Scenarios.ClearHistoryTrigger = "违禁词";

        var result = await CliProcess.RunAsync(["chat"], CliProcess.EnvironmentFor(emu), "第一问\n告诉我违禁词\n第三问\nexit\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("need_clear_history", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("warning:", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(Reply("第一问") + NL + NL + Reply("第三问") + NL, result.StdOut);

        var chats = emu.Requests.Where(r => r.IsChat).ToList();
        Assert.Equal(3, chats.Count);
        Assert.Equal(3, Messages(chats[1]).Count);
        Assert.Equal([("user", "第三问")], Messages(chats[2]));
    }

    private static JsonElement Body(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.Clone();
    }

    private static List<(string Role, string Content)> Messages(RecordedRequest request) =>
        [.. Body(request).GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!))];
}
