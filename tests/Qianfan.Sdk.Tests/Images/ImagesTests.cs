using System.Net;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Images;

/// <summary>V1 text-to-image (PNG bytes) and V2 image generation (URLs): what is sent, what comes back, errors.</summary>
public sealed class ImagesTests
{
    private static readonly byte[] Png1 = [0x89, 0x50, 0x4E, 0x47, 1];
    private static readonly byte[] Png2 = [0x89, 0x50, 0x4E, 0x47, 2];

    private static string V1Answer => $$$"""
        {"id":"as-i","object":"image","created":1700000003,
         "data":[{"object":"image","b64_image":"{{{Convert.ToBase64String(Png2)}}}","index":1},{"object":"image","b64_image":"{{{Convert.ToBase64String(Png1)}}}","index":0}],
         "usage":{"prompt_tokens":3,"total_tokens":3}}
        """;

    [Fact]
    public async Task V1_PostsThePromptAndEverySetParameterToSdXl()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(V1Answer));
        using var client = fake.CreateClient();
        var request = new Text2ImageRequest("一只猫")
        {
            NegativePrompt = "狗",
            Size = "768x1024",
            N = 2,
            Steps = 30,
            SamplerIndex = "Euler a",
            Seed = 42,
            CfgScale = 7,
            Style = "Anime",
            UserId = "u-1",
        };

        await client.Images.GenerateAsync(request);

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal("https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/text2image/sd_xl", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("token-1", sent.AccessToken);
        Assert.Equal(
            """{"prompt":"一只猫","negative_prompt":"狗","size":"768x1024","n":2,"steps":30,"sampler_index":"Euler a","seed":42,"cfg_scale":7,"style":"Anime","user_id":"u-1"}""",
            sent.Body);
    }

    [Fact]
    public async Task V1_OnlyThePromptIsSentWhenNothingElseIsSet_AndACustomEndpointIsUsed()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(V1Answer));
        using var client = fake.CreateClient();

        await client.Images.GenerateAsync(new Text2ImageRequest(ModelSpec.ForCustomEndpoint("my_sd"), "猫"));

        var sent = Assert.Single(fake.AreaRequests);
        Assert.EndsWith("/text2image/my_sd", sent.Path, StringComparison.Ordinal);
        Assert.Equal("""{"prompt":"猫"}""", sent.Body);
    }

    [Fact]
    public async Task V1_ReturnsTheDecodedImagesInOrder_WithUsageAndRequestId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(V1Answer, HttpStatusCode.OK, ("X-Baidu-Request-Id", "req-i")));
        using var client = fake.CreateClient();

        var reply = await client.Images.GenerateAsync(new Text2ImageRequest("猫") { N = 2 });

        Assert.Equal([0, 1], reply.Images.Select(i => i.Index));
        Assert.Equal(Png1, reply.Images[0].Data);
        Assert.Equal(Png2, reply.Images[1].Data);
        Assert.All(reply.Images, i => Assert.Null(i.Url));
        Assert.Equal("image", reply.ObjectType);
        Assert.Equal(new TokenUsage { PromptTokens = 3, TotalTokens = 3 }, reply.Usage);
        Assert.Equal("req-i", reply.RequestId);
        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
    }

    [Fact]
    public async Task V1_ErrorInA200BodyThrows()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Error(336003, "prompt is invalid"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Images.GenerateAsync(new Text2ImageRequest("猫")));

        Assert.Equal(336003, ex.ErrorCode);
    }

    [Fact]
    public async Task V2_PostsModelPromptSizeCountAndSeed_AndReturnsTheUrls()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"id":"as-g","created":1700000004,"data":[{"url":"https://img.test/1.png"},{"url":"https://img.test/2.png"}]}""", HttpStatusCode.OK, ("X-Baidu-Request-Id", "req-g")));
        using var client = fake.CreateV2Client();

        var reply = await client.ImagesV2.GenerateAsync(new ImageGenerationRequest("一只猫") { Size = "1024x768", N = 2, Seed = 7 });

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal("https://qianfan.test/v2/images/generations", sent.Uri.ToString());
        Assert.Equal("Bearer " + FakeQianfan.V2ApiKey, sent.Authorization);
        Assert.Equal("""{"model":"irag-1.0","prompt":"一只猫","size":"1024x768","n":2,"seed":7}""", sent.Body);
        Assert.Equal(["https://img.test/1.png", "https://img.test/2.png"], reply.Images.Select(i => i.Url));
        Assert.All(reply.Images, i => Assert.Null(i.Data));
        Assert.Equal("as-g", reply.Id);
        Assert.Equal("req-g", reply.RequestId);
        Assert.Null(reply.Usage);
    }

    [Fact]
    public async Task V2_ErrorStatusThrowsWithTheErrorName()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"error":{"code":"invalid_model","message":"no such model","type":"invalid_request_error"},"id":"as-1"}""", HttpStatusCode.Unauthorized));
        using var client = fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.ImagesV2.GenerateAsync(new ImageGenerationRequest("猫", "nope")));

        Assert.Equal("invalid_model", ex.ErrorName);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }
}
