using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Replies whose text looks like the service's error syntax must come through as text, on V1 and V2. Every body is
/// checked for an error envelope: a byte search for <c>"error_code"</c>, <c>"error"</c> or <c>"code"</c> first, then
/// only the body's top-level members count. A string value that ends in <c>"error_code</c> is serialized as
/// <c>…\"error_code"</c>, which the byte search finds; the reply text, one level down, must not count. Streamed
/// chunks read the code in the same pass as the chunk, so only a real key counts there.
/// </summary>
public sealed class ReplyContentTests
{
    public static TheoryData<string> Texts => new()
    {
        "JSON 里的 \"error_code\" 字段表示错误码。",
        "{\"error_code\":336003,\"error_msg\":\"x\"}",
        "Look at the field named \"error_code",
        "Look at the field named \"error",
        "{\"error\":{\"code\":\"invalid_model\",\"message\":\"x\"}}",
        "BCE 的错误有 \"code\" 和 \"message\" 两个字段",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task SyncReplyMentioningErrorCode_IsAReply_NotAnError(string text)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync(new QianfanEmulatorOptions { ReplyFactory = _ => text });
        using var client = SdkHarness.Client(emu, singleAttempt: true);

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("what is error_code?"));

        Assert.Equal(text, reply.Result);
        Assert.Single(emu.ChatRequests());
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task StreamedReplyMentioningErrorCode_IsAReply_NotAnError(string text)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync(new QianfanEmulatorOptions { ReplyFactory = _ => text });
        using var client = SdkHarness.Client(emu, singleAttempt: true);

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask("what is error_code?")).ToListAsync();

        Assert.Equal(text, string.Concat(chunks.Select(c => c.Result)));
        Assert.True(chunks[^1].IsEnd);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task V2SyncReplyMentioningErrorFields_IsAReply_NotAnError(string text)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync(new QianfanEmulatorOptions { ReplyFactory = _ => text });
        using var client = SdkHarness.V2Client(emu, singleAttempt: true);

        var reply = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("what is error?"));

        Assert.Equal(text, reply.Content);
        Assert.Single(emu.V2ChatRequests());
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task V2StreamedReplyMentioningErrorFields_IsAReply_NotAnError(string text)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync(new QianfanEmulatorOptions { ReplyFactory = _ => text });
        using var client = SdkHarness.V2Client(emu, singleAttempt: true);

        var chunks = await client.ChatCompletions.StreamAsync(SdkHarness.AskV2("what is error?")).ToListAsync();

        Assert.Equal(text, string.Concat(chunks.Select(c => c.ContentDelta)));
        Assert.Equal("stop", chunks.Last(c => c.Choices.Count > 0).Choices[0].FinishReason);
    }
}
