using System.Net;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Every result carries the HTTP answer it came in (<see cref="ServiceResult.Response"/>): status, headers and the
/// request id, which is the <c>X-Baidu-Request-Id</c> header, else the body's <c>id</c>, on V1 and V2 alike.
/// </summary>
public sealed class ServiceResponseTests
{
    private const string RequestIdHeader = "X-Baidu-Request-Id";
    private const string RequestIdPattern = "^[0-9a-f]{32}$";

    [Fact]
    public async Task V1Sync_CarriesStatusHeadersAndTheHeadersRequestId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("你好"));

        var response = Assert.IsType<ServiceResponse>(reply.Response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.GetHeader(RequestIdHeader);
        Assert.Matches(RequestIdPattern, header);
        Assert.Equal(header, response.RequestId);
        Assert.Equal(header, reply.RequestId);
        Assert.NotEqual(reply.Id, reply.RequestId); // the header wins over the body's id
        Assert.Equal(header, Assert.Single(response.Headers.GetValues(RequestIdHeader)));
        Assert.Equal("300", response.GetHeader("X-Ratelimit-Limit-Requests"));
        Assert.Equal("299", response.GetHeader("x-ratelimit-remaining-requests")); // header names are case-insensitive
        Assert.Equal(299, reply.RateLimit!.RemainingRequests);
        Assert.Null(response.GetHeader("X-No-Such-Header"));
        Assert.Equal($"HTTP 200 [request id {header}]", response.ToString());
    }

    [Fact]
    public async Task V2Sync_CarriesStatusHeadersAndTheHeadersRequestId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.V2Client(emu);

        var reply = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好"));

        var response = Assert.IsType<ServiceResponse>(reply.Response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.GetHeader(RequestIdHeader);
        Assert.Matches(RequestIdPattern, header);
        Assert.Equal(header, response.RequestId);
        Assert.Equal(header, reply.RequestId);
        Assert.Matches("^as-[a-z0-9]{10}$", reply.Id);
        Assert.Equal("300", response.GetHeader("X-Ratelimit-Limit-Requests"));
        Assert.Equal(SdkHarness.DefaultReply("你好"), reply.Content);
    }

    [Fact]
    public async Task V1StreamChunks_ShareOneResponse_WithTheHeadersRequestId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask("你好")).ToListAsync();

        Assert.Equal(3, chunks.Count);
        var response = Assert.IsType<ServiceResponse>(chunks[0].Response);
        Assert.All(chunks, c => Assert.Same(response, c.Response));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.GetHeader(RequestIdHeader);
        Assert.Matches(RequestIdPattern, header);
        Assert.All(chunks, c => Assert.Equal(header, c.RequestId));
        Assert.NotEqual(chunks[0].Id, header);
        Assert.Equal("300", response.GetHeader("X-Ratelimit-Limit-Requests"));
    }

    [Fact]
    public async Task V2StreamChunks_ShareOneResponse_WithTheHeadersRequestId_UsageTailIncluded()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.V2Client(emu);

        var chunks = await client.ChatCompletions.StreamAsync(SdkHarness.AskV2("你好")).ToListAsync();

        Assert.Equal(4, chunks.Count); // three pieces and the usage-only tail
        Assert.Empty(chunks[^1].Choices);
        Assert.NotNull(chunks[^1].Usage);
        var response = Assert.IsType<ServiceResponse>(chunks[0].Response);
        Assert.All(chunks, c => Assert.Same(response, c.Response));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.GetHeader(RequestIdHeader);
        Assert.Matches(RequestIdPattern, header);
        Assert.All(chunks, c => Assert.Equal(header, c.RequestId));
        Assert.Equal(SdkHarness.DefaultReply("你好"), string.Concat(chunks.Select(c => c.ContentDelta)));
        Assert.Single(emu.V2ChatRequests());
    }

    [Fact]
    public async Task V1Sync_WithoutTheHeader_TakesTheBodysId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        // A gateway's bare answer sends no service headers.
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 200, """{"id":"as-bodyid0001","object":"chat.completion","created":1,"result":"没有请求头","is_truncated":false,"need_clear_history":false}""", "application/json");

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("你好"));

        Assert.Equal("没有请求头", reply.Result);
        Assert.Null(reply.Response!.GetHeader(RequestIdHeader));
        Assert.Equal("as-bodyid0001", reply.RequestId);
        Assert.Equal("as-bodyid0001", reply.Response.RequestId);
        Assert.Null(reply.RateLimit);
    }

    [Fact]
    public async Task V2Sync_WithoutTheHeader_TakesTheBodysId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.V2Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 200, """{"id":"as-bodyid0002","object":"chat.completion","created":1,"model":"ernie-lite-8k","choices":[{"index":0,"message":{"role":"assistant","content":"没有请求头"},"finish_reason":"stop"}]}""", "application/json");

        var reply = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好"));

        Assert.Equal("没有请求头", reply.Content);
        Assert.Null(reply.Response!.GetHeader(RequestIdHeader));
        Assert.Equal("as-bodyid0002", reply.RequestId);
    }

    [Fact]
    public async Task V1Stream_WithoutTheHeader_TakesTheFirstChunksId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(
            1,
            200,
            "data: {\"id\":\"as-bodyid0003\",\"sentence_id\":0,\"is_end\":false,\"result\":\"一\"}\n\n" +
            "data: {\"id\":\"as-bodyid0003\",\"sentence_id\":1,\"is_end\":true,\"result\":\"二\"}\n\n",
            "text/event-stream");

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask("你好")).ToListAsync();

        Assert.Equal(["一", "二"], chunks.Select(c => c.Result));
        Assert.All(chunks, c => Assert.Equal("as-bodyid0003", c.RequestId));
        Assert.Null(chunks[0].Response!.GetHeader(RequestIdHeader));
    }

    [Fact]
    public async Task V2ErrorWithoutTheHeader_TakesTheErrorBodysId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.V2Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 400, """{"error":{"code":"invalid_argument","message":"参数错误","type":"invalid_request_error"},"id":"as-bodyid0004"}""", "application/json");

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好")));

        Assert.Equal("invalid_argument", ex.ErrorName);
        Assert.Equal("参数错误", ex.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("as-bodyid0004", ex.RequestId);
    }

    [Fact]
    public async Task ErrorsWithTheHeader_CarryItsRequestId_OnV1AndV2()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var v1 = SdkHarness.Client(emu, singleAttempt: true);
        using var v2 = SdkHarness.V2Client(emu, singleAttempt: true);
        emu.Scenarios.FailNextChatCalls(2, QianfanErrorCodes.InvalidParam);

        var v1Error = await Assert.ThrowsAsync<QianfanException>(() => v1.Chat.CompleteAsync(SdkHarness.Ask("你好")));
        var v2Error = await Assert.ThrowsAsync<QianfanException>(() => v2.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好")));

        Assert.Equal(QianfanErrorCodes.InvalidParam, v1Error.ErrorCode);
        Assert.Matches(RequestIdPattern, v1Error.RequestId);
        Assert.Equal("invalid_argument", v2Error.ErrorName);
        Assert.Matches(RequestIdPattern, v2Error.RequestId);
        Assert.NotEqual(v1Error.RequestId, v2Error.RequestId);
    }
}
