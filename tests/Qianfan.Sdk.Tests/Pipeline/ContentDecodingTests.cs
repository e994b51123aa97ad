using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>The pipeline asks for compressed answers and decodes them itself; its own handler does not decompress.</summary>
public sealed class ContentDecodingTests
{
    private const string ResultJson = """{"id":"r-1","text":"压缩的回答","usage":{"input":1,"output":2,"total":3}}""";

    [Fact]
    public async Task EveryRequest_AsksForTheCodingsThePipelineDecodes()
    {
        using var api = new PipelineHarness();
        api.Service.RespondInTurn(() => TestReplies.Result(), () => TestReplies.EventStream(TestReplies.Event("a", last: true)));

        await api.SendAsync().OrHang();
        await api.ReadAllAsync().OrHang();

        Assert.Equal(2, api.Service.Requests.Count);

        Assert.All(api.Service.Requests, r => Assert.Equal("gzip, deflate, br", r.Headers["Accept-Encoding"]));
    }

    [Fact]
    public void TheOwnedHandler_LeavesDecodingToThePipeline()
    {
        using var handler = SdkHttpHandler.Create();

        Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Send_CompressedAnswer_IsDecoded(string coding)
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Compressed(ResultJson, coding));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("压缩的回答", result.Text);
    }

    [Fact]
    public async Task Send_AnswerWithTwoCodings_IsDecodedLastAppliedFirst()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() =>
        {
            var content = new ByteArrayContent(TestReplies.Compress(TestReplies.Compress(Encoding.UTF8.GetBytes(ResultJson), "br"), "gzip"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.TryAddWithoutValidation("Content-Encoding", "br, gzip");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var result = await api.SendAsync().OrHang();

        Assert.Equal("压缩的回答", result.Text);
    }

    [Fact]
    public async Task Send_IdentityCoding_IsReadAsIs()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() =>
        {
            var response = TestReplies.Json(ResultJson);
            response.Content.Headers.ContentEncoding.Add("identity");
            return response;
        });

        var result = await api.SendAsync().OrHang();

        Assert.Equal("压缩的回答", result.Text);
    }

    [Fact]
    public async Task Send_CodingNotAskedFor_IsABrokenAnswer_AndRepeated()
    {
        using var api = new PipelineHarness();
        api.Retry.MaxRetries = 1;
        api.Service.RespondInTurn(
            () =>
            {
                var response = TestReplies.Json(ResultJson);
                response.Content.Headers.ContentEncoding.Add("compress");
                return response;
            },
            () => TestReplies.Result("second"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("second", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_CodingNotAskedFor_WithoutRetries_NamesTheCoding()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() =>
        {
            var response = TestReplies.Json(ResultJson);
            response.Content.Headers.ContentEncoding.Add("compress");
            return response;
        });

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => api.SendAsync().OrHang());

        Assert.Equal(HttpRequestError.InvalidResponse, ex.HttpRequestError);
        Assert.Contains("'compress'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CompressedEvents_AreDecoded()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() =>
        {
            var response = TestReplies.EventStream(new MemoryStream(TestReplies.Compress(Encoding.UTF8.GetBytes(TestReplies.Event("a") + TestReplies.Event("b", last: true)), "gzip")));
            response.Content.Headers.ContentEncoding.Add("gzip");
            return response;
        });

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Text).ToArray());
    }
}
