using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Request bodies are UTF-8 JSON with Chinese text as it is: the emulator records the bytes it received, so a body
/// sent with <c>\uXXXX</c> escapes (six bytes a character instead of three) would show them.
/// </summary>
public sealed class RequestBodyEncodingTests
{
    private const string Question = "请用中文回答：北京的天气怎么样？";
    private const string Persona = "你是一位耐心的气象学家";
    private const string Stop = "。结束";
    private const string User = "用户-七号";

    [Fact]
    public async Task V1Sync_SendsChineseAsRawUtf8_InEveryField()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var request = SdkHarness.Ask(Question, "ERNIE-Speed-8K");
        request.System = Persona;
        request.Stop.Add(Stop);
        request.UserId = User;

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal(SdkHarness.DefaultReply(Question), reply.Result);
        var sent = Assert.Single(emu.ChatRequests());
        AssertRawUtf8(sent, Question, Persona, Stop, User);
        var body = sent.Json();
        Assert.Equal(Question, body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(Persona, body.GetProperty("system").GetString());
        Assert.Equal(Stop, body.GetProperty("stop")[0].GetString());
        Assert.Equal(User, body.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task V1Stream_SendsChineseAsRawUtf8()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var request = SdkHarness.Ask(Question);
        request.System = Persona;

        var chunks = await client.Chat.StreamAsync(request).ToListAsync();

        Assert.Equal(SdkHarness.DefaultReply(Question), string.Concat(chunks.Select(c => c.Result)));
        var sent = Assert.Single(emu.ChatRequests());
        AssertRawUtf8(sent, Question, Persona);
        Assert.True(sent.Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task V2SyncAndStream_SendChineseAsRawUtf8_InMessagesToolsAndUser()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.V2Client(emu);
        var request = new ChatCompletionRequest("ernie-lite-8k")
        {
            Messages = { ChatMessage.System(Persona), ChatMessage.User(Question) },
            User = User,
            ToolChoice = "none", // the question names the tool; this test is about the text, not the call
        };
        request.Stop.Add(Stop);
        request.Tools.Add(ChatTool.ForFunction("get_weather", "查询某个城市的天气"));

        var reply = await client.ChatCompletions.CompleteAsync(request);
        var chunks = await client.ChatCompletions.StreamAsync(request).ToListAsync();

        Assert.Equal(SdkHarness.DefaultReply(Question), reply.Content);
        Assert.Equal(SdkHarness.DefaultReply(Question), string.Concat(chunks.Select(c => c.ContentDelta)));
        var sent = emu.V2ChatRequests();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, s =>
        {
            AssertRawUtf8(s, Question, Persona, Stop, User, "查询某个城市的天气");
            Assert.Equal([("system", Persona), ("user", Question)], s.Messages());
        });
        Assert.True(sent[1].Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task WhatJsonRequires_IsStillEscaped_AndReadsBackAsSent()
    {
        const string Tricky = "他说：\"你好\"\\n换行\n制表\t结束";
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask(Tricky));

        Assert.Equal(SdkHarness.DefaultReply(Tricky), reply.Result);
        var sent = Assert.Single(emu.ChatRequests());
        Assert.Contains("""他说：\"你好\"\\n换行\n制表\t结束""", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\t", sent.Body, StringComparison.Ordinal);
        Assert.Equal([("user", Tricky)], sent.Messages());
    }

    /// <summary>The recorded body holds each text as is, has no <c>\u</c> escape, and its length was sent as UTF-8 bytes.</summary>
    private static void AssertRawUtf8(RecordedRequest sent, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.Contains(text, sent.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\\u", sent.Body, StringComparison.Ordinal);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Headers["Content-Length"]);
    }
}
