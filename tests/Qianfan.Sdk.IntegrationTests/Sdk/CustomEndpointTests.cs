using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

public sealed class CustomEndpointTests
{
    private static readonly string[] DollyParameters = ["top_k", "temperature", "top_p", "penalty_score", "stop", "user_id", "stream"];

    private static async Task<QianfanEmulator> StartWithDollyAsync()
    {
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint("dolly_12b", 4800, DollyParameters));
        return await SdkHarness.StartEmulatorAsync(options);
    }

    private static ChatRequest DollyRequest(string message) =>
        new(ModelSpec.ForCustomEndpoint("dolly_12b", 4800, DollyParameters)) { Messages = { ChatMessage.User(message) } };

    [Fact]
    public async Task CustomEndpoint_WithTopK_IsSentAndAnswered()
    {
        await using var emu = await StartWithDollyAsync();
        using var client = SdkHarness.Client(emu);
        var request = DollyRequest("hello dolly");
        request.TopK = 10;
        request.Temperature = 0.7f;

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal(SdkHarness.DefaultReply("hello dolly"), reply.Result);
        var sent = Assert.Single(emu.ChatRequests());
        Assert.Equal("dolly_12b", sent.Endpoint);
        Assert.Equal("/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/dolly_12b", sent.Path);
        var body = sent.Json();
        Assert.Equal(["messages", "temperature", "top_k"], body.PropertyNames().Order(StringComparer.Ordinal));
        Assert.Equal(10, body.GetProperty("top_k").GetInt32());
    }

    [Fact]
    public async Task CustomEndpoint_Streams()
    {
        await using var emu = await StartWithDollyAsync();
        using var client = SdkHarness.Client(emu);
        var request = DollyRequest("hello dolly");
        request.TopK = 3;

        var chunks = await client.Chat.StreamAsync(request).ToListAsync();

        Assert.Equal(SdkHarness.DefaultReply("hello dolly"), string.Concat(chunks.Select(c => c.Result)));
        Assert.True(chunks[^1].IsEnd);
        var body = Assert.Single(emu.ChatRequests()).Json();
        Assert.Equal(3, body.GetProperty("top_k").GetInt32());
        Assert.True(body.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task CustomEndpointSpec_LetsTheSdkRejectWhatTheServiceWould_WithoutSending()
    {
        await using var emu = await StartWithDollyAsync();
        using var client = SdkHarness.Client(emu);
        var withSystem = DollyRequest("hi");
        withSystem.System = "persona";
        var tooLong = DollyRequest(new string('字', 4801));

        var system = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(withSystem));
        var length = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(tooLong));

        Assert.Equal("system", system.ParamName);
        Assert.Equal("messages", length.ParamName);
        Assert.Empty(emu.Requests);
    }

    [Fact]
    public async Task CharacterLimit_CountsCodePoints_TheSameInTheSdkAndTheService()
    {
        await using var emu = await StartWithDollyAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        var emoji = string.Concat(Enumerable.Repeat("😀", 4800)); // 4,800 characters, 9,600 UTF-16 units

        var reply = await client.Chat.CompleteAsync(DollyRequest(emoji));
        var tooLong = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(DollyRequest(emoji + "😀")));

        Assert.EndsWith("祝你一切顺利！", reply.Result, StringComparison.Ordinal);
        Assert.Equal("messages", tooLong.ParamName);
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task CatalogModel_DoesNotAcceptTopK_SoTheSdkRejectsIt()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var request = SdkHarness.Ask("hi", "ERNIE-Speed-8K");
        request.TopK = 5;

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal("top_k", ex.ParamName);
        Assert.Empty(emu.Requests);
    }
}
