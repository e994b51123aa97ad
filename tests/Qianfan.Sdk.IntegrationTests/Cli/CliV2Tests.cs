using System.Text.Json;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>
/// The command-line sample on V2 as the service is in 2026, run as a process against a test-owned emulator: the
/// service's error names, the conversation clearing its history as V1's does, reasoning on stderr (stdout stays the
/// answer), <c>--web-search</c>, <c>--image</c>, <c>--json</c>, the <c>models</c> command, and the one form of an
/// empty message.
/// </summary>
[Collection(CliProcess.Collection)]
public sealed class CliV2Tests
{
    private static readonly string NL = Environment.NewLine;

    private static string Reply(string message) => $"这是千帆模拟器的回答。你说的是：{message}。祝你一切顺利！";

    [Fact]
    public async Task V2Errors_ArePrintedWithTheServicesErrorName_Exit1()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var environment = V2Environment(emu);
        environment["QIANFAN_LLM_API_RETRY_COUNT"] = "0";

        var unknown = await CliProcess.RunAsync(["chat", "--api", "v2", "--model", "ernie-nope", "你好"], environment);
        emu.Scenarios.RpmLimit = 1;
        var first = await CliProcess.RunAsync(["chat", "--api", "v2", "你好"], environment);
        var limited = await CliProcess.RunAsync(["chat", "--api", "v2", "你好"], environment);

        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.StartsWith("error invalid_model: ", unknown.StdErr, StringComparison.Ordinal);
        Assert.Contains("is not in the SDK's catalog; known names close to it: ", unknown.StdErr, StringComparison.Ordinal);
        Assert.Equal("", unknown.StdOut);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(limited.ExitCode == 1, limited.ToString());
        Assert.StartsWith("error rpm_rate_limit_exceeded: ", limited.StdErr, StringComparison.Ordinal);
        Assert.Equal("", limited.StdOut);
    }

    [Fact]
    public async Task V2Conversation_KeepsTheHistory_AndClearsItWhenTheServiceSaysSo_WarningOnStderr()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        emu.Scenarios.ClearHistoryTrigger = "敏感";

        var result = await CliProcess.RunAsync(["chat", "--api", "v2", "--system", "你是老师"], V2Environment(emu), "你好\n敏感的问题\n再见\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好") + NL + NL + Reply("再见") + NL, result.StdOut);
        Assert.Contains("warning: the service judged the input unsafe (need_clear_history); the conversation history was cleared.", result.StdErr, StringComparison.Ordinal);
        var sent = emu.Requests.Where(r => r.IsV2Chat).Select(r => Messages(r)).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal([("system", "你是老师"), ("user", "你好")], sent[0]);
        Assert.Equal([("system", "你是老师"), ("user", "你好"), ("assistant", Reply("你好")), ("user", "敏感的问题")], sent[1]);
        Assert.Equal([("system", "你是老师"), ("user", "再见")], sent[2]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThinkingModel_ReasoningGoesToStderr_StdoutIsTheAnswerOnly(bool stream)
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--api", "v2", "--model", "ernie-x1.1", .. stream ? ["--stream"] : Array.Empty<string>(), "一加一"], V2Environment(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("一加一") + NL, result.StdOut);
        Assert.Contains("thinking: 这是千帆模拟器的思考过程。用户说的是：一加一。先想清楚要点，再组织回答。" + NL, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSearch_ImpliesV2_TheCitedPagesGoToStderr()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--web-search", "今天的新闻"], V2Environment(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("这是千帆模拟器的回答[1]。你说的是：今天的新闻[2]。祝你一切顺利！" + NL, result.StdOut);
        Assert.Contains($"[1] 千帆模拟器的搜索结果一：今天的新闻 {emu.BaseUrl.TrimEnd('/')}/emulated-search/1", result.StdErr, StringComparison.Ordinal);
        var body = Json(Assert.Single(emu.Requests, r => r.IsV2Chat));
        Assert.True(body.GetProperty("web_search").GetProperty("enable").GetBoolean());
        Assert.True(body.GetProperty("web_search").GetProperty("enable_citation").GetBoolean());
    }

    [Fact]
    public async Task Image_ALocalFileIsSentInline_AUrlAsIs_OnAVisionModel()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var file = Path.Combine(Path.GetTempPath(), $"qianfan-cli-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4e, 0x47]);
        try
        {
            var result = await CliProcess.RunAsync(["chat", "--image", file, "--image", "https://example.test/cat.jpg", "两张图有什么不同"], V2Environment(emu));

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(Reply("两张图有什么不同") + NL, result.StdOut);
            var body = Json(Assert.Single(emu.Requests, r => r.IsV2Chat));
            Assert.Equal("ernie-4.5-turbo-vl", body.GetProperty("model").GetString());
            Assert.Equal(
                """[{"type":"text","text":"两张图有什么不同"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}},{"type":"image_url","image_url":{"url":"https://example.test/cat.jpg"}}]""",
                body.GetProperty("messages")[0].GetProperty("content").GetRawText());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "chat", "--image", "/no/such/picture.png", "看" }, "error: --image '/no/such/picture.png': no such file")]
    [InlineData(new[] { "chat", "--api", "v1", "--web-search", "看" }, "error: --web-search is a V2 feature; it does not apply with --api v1")]
    [InlineData(new[] { "chat", "" }, "invalid request: messages[0].content must not be empty (field: messages[0].content)")]
    [InlineData(new[] { "chat", "--api", "v2", " " }, "invalid request: messages[0].content must not be empty (field: messages[0].content)")]
    [InlineData(new[] { "models", "extra" }, "error: models takes no arguments, got 'extra'")]
    public async Task Mistakes_Exit2_NamingWhatToFix_NothingSent(string[] args, string expected)
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(args, V2Environment(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.DoesNotContain(emu.Requests, r => r.IsChat || r.IsV2Chat);
    }

    [Fact]
    public async Task Json_AsksForAJsonObject_AndPrintsItAsTheReply()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["chat", "--api", "v2", "--json", "你好"], V2Environment(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply("你好"), JsonDocument.Parse(result.StdOut).RootElement.GetProperty("answer").GetString());
        Assert.Equal("json_object", Json(Assert.Single(emu.Requests, r => r.IsV2Chat)).GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Models_PrintsOneIdPerLine_FromTheLiveCatalog()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["models"], V2Environment(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(NL, result.StdOut, StringComparison.Ordinal);
        Assert.Equal(ModelCatalog.V2.Select(m => m.Id).Order(StringComparer.Ordinal), result.StdOut.Split(NL).SkipLast(1).Order(StringComparer.Ordinal));
        Assert.Equal("", result.StdErr);
        Assert.Single(emu.Requests, r => r.Path == "/v2/models");
    }

    [Fact]
    public async Task Models_WithOnlyV1Credentials_Exit2_NamingWhatV2Needs()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());

        var result = await CliProcess.RunAsync(["models"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: V2 calls need QIANFAN_API_KEY", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(emu.Requests, r => r.Path == "/v2/models");
    }

    private static Dictionary<string, string> V2Environment(QianfanEmulator emu)
    {
        var environment = CliProcess.EnvironmentFor(emu);
        environment["QIANFAN_API_KEY"] = emu.V2ApiKey;
        environment["QIANFAN_V2_BASE_URL"] = emu.BaseUrl;
        return environment;
    }

    private static JsonElement Json(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.Clone();

    private static List<(string?, string?)> Messages(RecordedRequest request) =>
        [.. Json(request).GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString()))];
}
