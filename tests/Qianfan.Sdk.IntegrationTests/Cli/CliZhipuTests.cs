using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>
/// <c>--platform zhipu</c> as a process: <c>chat</c> one-shot, streamed and multi-turn (with a JWT or the plain key),
/// <c>image</c> (CogView), and the <c>task</c> steps of asynchronous chat, with the same contract as the other
/// platforms' commands — stdout the result only, notices and errors on stderr, exit 0, 1 (the service's code) or 2
/// (the field or option named, nothing sent).
/// </summary>
[Collection(CliProcess.Collection)]
public sealed class CliZhipuTests
{
    private static readonly string NL = Environment.NewLine;

    private static string Reply(string message) => $"这是智谱 GLM 模拟器的回答。你说的是：{message}。祝你一切顺利！";

    [Fact]
    public async Task Chat_OneShot_PrintsTheReply_AndSendsTheMessage()
    {
        await using var emu = await QianfanEmulator.StartAsync();

        var result = await CliProcess.RunAsync(["chat", "--platform", "zhipu", "--system", "老师", "--temperature", "0.5", "1+1等于几？"], CliProcess.ZhipuEnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("1+1等于几？") + NL, result.StdOut);
        var body = Body(emu.Requests.Single());
        Assert.Equal("glm-4", body.GetProperty("model").GetString());
        Assert.Equal(["system", "user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task Chat_Streamed_WithAJwt_PrintsTheWholeReply_AndTheReasoningOnStderr()
    {
        await using var emu = await QianfanEmulator.StartAsync();

        var result = await CliProcess.RunAsync(["chat", "--platform", "zhipu", "--model", "glm-4.5", "--stream", "--jwt", "你好"], CliProcess.ZhipuEnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好") + NL, result.StdOut);
        Assert.Contains("thinking: ", result.StdErr, StringComparison.Ordinal);
        Assert.True(Body(emu.Requests.Single()).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Chat_FromStdin_KeepsTheHistory_AndAFailedTurnIsReportedWithItsCode()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        emu.Scenarios.ClearHistoryTrigger = "违规";

        var result = await CliProcess.RunAsync(["chat", "--platform", "zhipu"], CliProcess.ZhipuEnvironmentFor(emu), "你好\n违规的话\n再见\n");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([Reply("你好"), Reply("再见")], result.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("error 1301: 系统检测到输入或生成内容可能包含不安全或敏感内容", result.StdErr, StringComparison.Ordinal);
        var last = Body(emu.Requests[^1]).GetProperty("messages");
        Assert.Equal(["你好", Reply("你好"), "再见"], last.EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Chat_WithoutAKey_UsesTheInProcessEmulator_SayingSoOnStderr()
    {
        var result = await CliProcess.RunAsync(["chat", "--platform", "zhipu", "你好"], environment: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好") + NL, result.StdOut);
        Assert.Contains("no Zhipu API key is set (ZHIPUAI_API_KEY)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ABrokenRule_IsExit2NamingTheField_AndNothingIsSent()
    {
        await using var emu = await QianfanEmulator.StartAsync();

        var result = await CliProcess.RunAsync(["chat", "--platform", "zhipu", "--temperature", "0.955", "你好"], CliProcess.ZhipuEnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("invalid request: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("(field: temperature)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Empty(emu.Requests);
    }

    [Fact]
    public async Task Chat_AWrongKey_IsExit1WithTheServicesCode_TheKeyNeverPrinted()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.ZhipuEnvironmentFor(emu);
        environment["ZHIPUAI_API_KEY"] = "not-this.one-secret";

        var result = await CliProcess.RunAsync(["chat", "--platform", "zhipu", "你好"], environment);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error 1002: ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("one-secret", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat", "--api", "v2")]
    [InlineData("chat", "--seed", "7")]
    [InlineData("image", "--out", "x.png")]
    [InlineData("image", "--n", "2")]
    public async Task AnOptionOfAnotherPlatform_WithZhipu_IsAUsageError(string command, string option, string value)
    {
        var result = await CliProcess.RunAsync([command, "--platform", "zhipu", option, value, "猫"], environment: null);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {option} does not apply to --platform zhipu", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat", "--thinking", "on", "qianfan")]
    [InlineData("chat", "--jwt", null, "dashscope")]
    [InlineData("image", "--quality", "hd", "dashscope")]
    public async Task AnOptionOfZhipu_WithAnotherPlatform_IsAUsageError(string command, string option, string? value, string platform)
    {
        string[] args = value is null ? [command, "--platform", platform, option, "猫"] : [command, "--platform", platform, option, value, "猫"];

        var result = await CliProcess.RunAsync(args, environment: null);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {option} does not apply to --platform {platform}", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_PrintsTheUrlOfAPictureTheEmulatorServes()
    {
        await using var emu = await QianfanEmulator.StartAsync();

        var result = await CliProcess.RunAsync(["image", "--platform", "zhipu", "--model", "cogview-3", "--size", "768x1344", "一只可爱的小猫咪"], CliProcess.ZhipuEnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        var url = Assert.Single(result.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(emu.BaseUrl + "/zhipu-files/", url, StringComparison.Ordinal);
        using var http = new HttpClient();
        var png = PngFile.Decode(await http.GetByteArrayAsync(url));
        Assert.Equal((768, 1344), (png.Width, png.Height));
    }

    [Fact]
    public async Task Tasks_SubmitGetAndWait_AreStepsOfTheirOwn_AndCancelSaysItCannot()
    {
        // The emulator's clock is the test's: the task is processing until the test moves it past the processing time.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { TimeProvider = time });
        var environment = CliProcess.ZhipuEnvironmentFor(emu);

        var submitted = await CliProcess.RunAsync(["task", "submit", "--platform", "zhipu", "写一个童话故事"], environment);
        var id = submitted.StdOut.Trim();
        var processing = await CliProcess.RunAsync(["task", "get", "--platform", "zhipu", id], environment);
        time.Advance(emu.Scenarios.Zhipu.TaskProcessingTime);
        var waited = await CliProcess.RunAsync(["task", "wait", "--platform", "zhipu", "--interval", "0.05", id], environment);
        var got = await CliProcess.RunAsync(["task", "get", "--platform", "zhipu", id], environment);
        var cancel = await CliProcess.RunAsync(["task", "cancel", "--platform", "zhipu", id], environment);

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Contains($"task {id}: PROCESSING", submitted.StdErr, StringComparison.Ordinal);
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.Equal(Reply("写一个童话故事") + NL, waited.StdOut);
        Assert.Contains($"task {id}: SUCCESS", waited.StdErr, StringComparison.Ordinal);
        Assert.True(processing.ExitCode == 0, processing.ToString());
        Assert.Equal("PROCESSING" + NL, processing.StdOut);
        Assert.Equal("SUCCESS" + NL + Reply("写一个童话故事") + NL, got.StdOut);
        Assert.True(cancel.ExitCode == 2, cancel.ToString());
        Assert.Contains("cannot be cancelled", cancel.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskWait_OfAFailingTask_IsExit1WithFail()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.ZhipuEnvironmentFor(emu);
        emu.Scenarios.Zhipu.TaskProcessingTime = TimeSpan.Zero;
        emu.Scenarios.Zhipu.TaskFailTrigger = "失败";

        var id = (await CliProcess.RunAsync(["task", "submit", "--platform", "zhipu", "这个会失败"], environment)).StdOut.Trim();
        var waited = await CliProcess.RunAsync(["task", "wait", "--platform", "zhipu", id], environment);

        Assert.True(waited.ExitCode == 1, waited.ToString());
        Assert.Contains("error FAIL: ", waited.StdErr, StringComparison.Ordinal);
        Assert.Equal("", waited.StdOut);
    }

    private static JsonElement Body(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }
}
