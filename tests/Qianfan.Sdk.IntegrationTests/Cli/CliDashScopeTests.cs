using System.Text.Json;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>
/// <c>--platform dashscope</c> as a process: <c>chat</c> one-shot (by messages or by prompt), streamed and
/// multi-turn, <c>image</c>, and the <c>task</c> steps, with the same contract as Qianfan's commands — stdout the result
/// only, notices and errors on stderr, exit 0, 1 (the service's code) or 2 (the field or option named, nothing sent).
/// </summary>
[Collection(CliProcess.Collection)]
public sealed class CliDashScopeTests
{
    private static readonly string NL = Environment.NewLine;

    [Fact]
    public async Task Chat_OneShot_PrintsTheReply_AndSendsTheMessage()
    {
        await using var emu = await QianfanEmulator.StartAsync();

        var result = await CliProcess.RunAsync(["chat", "--platform", "dashscope", "--system", "老师", "--seed", "7", "1+1等于几？"], CliProcess.DashScopeEnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("这是通义千问模拟器的回答。你说的是：1+1等于几？。祝你一切顺利！" + NL, result.StdOut);
        var body = Body(emu.Requests.Single());
        Assert.Equal("qwen-turbo", body.GetProperty("model").GetString());
        Assert.Equal(["system", "user"], body.GetProperty("input").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(7, body.GetProperty("parameters").GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Chat_ByPrompt_Streamed_SendsInputPrompt_AndPrintsTheWholeText()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        emu.Scenarios.DashScope.StreamBlankLines = true;

        var result = await CliProcess.RunAsync(["chat", "--platform", "dashscope", "--prompt", "--stream", "--cumulative", "你好"], CliProcess.DashScopeEnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("这是通义千问模拟器的回答。你说的是：你好。祝你一切顺利！" + NL, result.StdOut);
        var recorded = emu.Requests.Single();
        Assert.Equal("enable", recorded.Headers["X-DashScope-SSE"]);
        Assert.Equal("你好", Body(recorded).GetProperty("input").GetProperty("prompt").GetString());
        Assert.False(Body(recorded).GetProperty("parameters").GetProperty("incremental_output").GetBoolean());
    }

    [Fact]
    public async Task Chat_FromStdin_KeepsTheHistory_AndAFailedTurnIsReportedWithItsCode()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        emu.Scenarios.ClearHistoryTrigger = "违规";

        var result = await CliProcess.RunAsync(["chat", "--platform", "dashscope", "--model", "qwen-plus"], CliProcess.DashScopeEnvironmentFor(emu), "你好\n违规的话\n再见\n");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(2, result.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("error DataInspectionFailed: Input data may contain inappropriate content.", result.StdErr, StringComparison.Ordinal);
        var last = Body(emu.Requests[^1]).GetProperty("input").GetProperty("messages");
        Assert.Equal(["你好", "这是通义千问模拟器的回答。你说的是：你好。祝你一切顺利！", "再见"], last.EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Chat_WithoutAKey_UsesTheInProcessEmulator_SayingSoOnStderr()
    {
        var result = await CliProcess.RunAsync(["chat", "--platform", "dashscope", "你好"], environment: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("这是通义千问模拟器的回答。你说的是：你好。祝你一切顺利！" + NL, result.StdOut);
        Assert.Contains("no DashScope API key is set (DASHSCOPE_API_KEY)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ABrokenRule_IsExit2NamingTheField_AndNothingIsSent()
    {
        await using var emu = await QianfanEmulator.StartAsync();

        var result = await CliProcess.RunAsync(["chat", "--platform", "dashscope", "--temperature", "2", "你好"], CliProcess.DashScopeEnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("invalid request: parameters.temperature must be in [0, 2), was 2 (field: parameters.temperature)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.Empty(emu.Requests);
    }

    [Theory]
    [InlineData("chat", "--api", "v2")]
    [InlineData("chat", "--web-search", null)]
    [InlineData("image", "--out", "x.png")]
    public async Task AnOptionOfQianfan_WithDashScope_IsAUsageError(string command, string option, string? value)
    {
        string[] args = value is null ? [command, "--platform", "dashscope", option, "猫"] : [command, "--platform", "dashscope", option, value, "猫"];

        var result = await CliProcess.RunAsync(args, environment: null);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {option} does not apply to --platform dashscope", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_AWrongKey_IsExit1WithInvalidApiKey()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.DashScopeEnvironmentFor(emu);
        environment["DASHSCOPE_API_KEY"] = "sk-not-this-one";

        var result = await CliProcess.RunAsync(["chat", "--platform", "dashscope", "你好"], environment);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error InvalidApiKey: Invalid API-key provided.", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-not-this-one", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_WaitsForTheTask_AndPrintsOneUrlPerImage_WithEachStateOnStderr()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        emu.Scenarios.DashScope.TaskPendingTime = TimeSpan.FromMilliseconds(100);
        emu.Scenarios.DashScope.TaskRunningTime = TimeSpan.FromMilliseconds(100);

        var result = await CliProcess.RunAsync(["image", "--platform", "dashscope", "--n", "2", "--size", "320*200", "--interval", "0.05", "一只猫"], CliProcess.DashScopeEnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        var urls = result.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, urls.Length);
        Assert.Contains(": PENDING", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(": SUCCEEDED", result.StdErr, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal((320, 200), PngFile.Decode(await http.GetByteArrayAsync(urls[0])) is var png ? (png.Width, png.Height) : default);
    }

    [Fact]
    public async Task Tasks_SubmitGetWaitAndCancel_AreStepsOfTheirOwn()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.DashScopeEnvironmentFor(emu);
        emu.Scenarios.DashScope.TaskPendingTime = TimeSpan.FromHours(1);

        var submitted = await CliProcess.RunAsync(["task", "submit", "--platform", "dashscope", "--n", "1", "猫"], environment);
        var id = submitted.StdOut.Trim();
        var pending = await CliProcess.RunAsync(["task", "get", "--platform", "dashscope", id], environment);
        var cancelled = await CliProcess.RunAsync(["task", "cancel", "--platform", "dashscope", id], environment);
        var waited = await CliProcess.RunAsync(["task", "wait", "--platform", "dashscope", "--interval", "0.05", id], environment);
        var again = await CliProcess.RunAsync(["task", "cancel", "--platform", "dashscope", id], environment);

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.True(Guid.TryParse(id, out _), submitted.ToString());
        Assert.Equal("PENDING" + NL, pending.StdOut);
        Assert.Equal(id + NL, cancelled.StdOut);
        Assert.True(waited.ExitCode == 1, waited.ToString());
        Assert.Contains($"error CANCELED: task {id} ended CANCELED", waited.StdErr, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("error UnsupportedOperation:", again.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskWait_OfATaskThatSucceeds_PrintsItsUrls()
    {
        await using var emu = await QianfanEmulator.StartAsync();
        var environment = CliProcess.DashScopeEnvironmentFor(emu);
        emu.Scenarios.DashScope.TaskPendingTime = TimeSpan.Zero;
        emu.Scenarios.DashScope.TaskRunningTime = TimeSpan.Zero;

        var id = (await CliProcess.RunAsync(["task", "submit", "--platform", "dashscope", "--n", "3", "猫"], environment)).StdOut.Trim();
        var waited = await CliProcess.RunAsync(["task", "wait", "--platform", "dashscope", id], environment);

        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.Equal(3, waited.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(waited.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries), url => Assert.StartsWith(emu.BaseUrl + "/dashscope-results/", url, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "task", "get", "abc" }, "task needs --platform")]
    [InlineData(new[] { "task", "get", "--platform", "qianfan", "abc" }, "Qianfan has no asynchronous tasks")]
    [InlineData(new[] { "task", "fly", "--platform", "dashscope" }, "unknown step 'fly'")]
    [InlineData(new[] { "task", "get", "--platform", "dashscope", "--size", "1*1", "abc" }, "--size does not apply")]
    public async Task Task_Misuse_IsExit2SayingWhatToFix(string[] args, string message)
    {
        var result = await CliProcess.RunAsync(args, environment: null);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
    }

    private static JsonElement Body(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }
}
