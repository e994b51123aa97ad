using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Replies whose text looks like the service's error syntax must come through as text. The last case guards the sync
/// path's shortcut: <c>ResponseReader.TryReadError</c> looks for <c>"error_code"</c> by a byte search before parsing,
/// and a string value that ends in <c>"error_code</c> is serialized as <c>…\"error_code"</c>, which contains it.
/// Streamed chunks read the code in the same pass as the chunk, so only a real key counts there.
/// </summary>
public sealed class ReplyContentTests
{
    public static TheoryData<string> Texts => new()
    {
        "JSON 里的 \"error_code\" 字段表示错误码。",
        "{\"error_code\":336003,\"error_msg\":\"x\"}",
        "Look at the field named \"error_code",
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
}
