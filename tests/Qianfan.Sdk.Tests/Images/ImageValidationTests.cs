using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Images;

/// <summary>Every documented bound of the image bodies, both sides: nothing that breaks one is sent.</summary>
public sealed class ImageValidationTests
{
    private const string V1Answer = """{"id":"as-i","object":"image","created":1,"data":[{"object":"image","b64_image":"iVBORw==","index":0}]}""";
    private const string V2Answer = """{"id":"as-g","created":1,"data":[{"url":"https://img.test/1.png"}]}""";

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task V1_EmptyPromptIsRejected(string prompt) =>
        Assert.Equal("prompt", (await RejectedAsync(new Text2ImageRequest(prompt))).ParamName);

    [Fact]
    public async Task V1_PromptAndNegativePromptTakeAtMost1024Characters()
    {
        await AcceptedAsync(new Text2ImageRequest(new string('猫', 1024)) { NegativePrompt = new string('狗', 1024) });
        Assert.Equal("prompt", (await RejectedAsync(new Text2ImageRequest(new string('猫', 1025)))).ParamName);
        Assert.Equal("negative_prompt", (await RejectedAsync(new Text2ImageRequest("猫") { NegativePrompt = new string('狗', 1025) })).ParamName);
    }

    [Theory]
    [InlineData("768x768")]
    [InlineData("768x1024")]
    [InlineData("1024x768")]
    [InlineData("576x1024")]
    [InlineData("1024x576")]
    [InlineData("1024x1024")]
    public async Task V1_EveryDocumentedSizeIsAccepted(string size) =>
        await AcceptedAsync(new Text2ImageRequest("猫") { Size = size });

    [Theory]
    [InlineData("512x512")]
    [InlineData("1024X1024")]
    [InlineData("big")]
    public async Task V1_AnyOtherSizeIsRejected(string size)
    {
        var ex = await RejectedAsync(new Text2ImageRequest("猫") { Size = size });

        Assert.Equal("size", ex.ParamName);
        Assert.StartsWith("size must be one of 768x768, 768x1024, 1024x768, 576x1024, 1024x576, 1024x1024", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public async Task V1_NIsIn1To4(int n, bool accepted) =>
        await CheckAsync(new Text2ImageRequest("猫") { N = n }, accepted, "n");

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public async Task V1_StepsIsIn10To50(int steps, bool accepted) =>
        await CheckAsync(new Text2ImageRequest("猫") { Steps = steps }, accepted, "steps");

    [Theory]
    [InlineData(-1L, false)]
    [InlineData(0L, true)]
    [InlineData(4294967295L, true)]
    [InlineData(4294967296L, false)]
    public async Task V1_SeedIsIn0ToUInt32Max(long seed, bool accepted) =>
        await CheckAsync(new Text2ImageRequest("猫") { Seed = seed }, accepted, "seed");

    [Theory]
    [InlineData(0f, false)]
    [InlineData(0.1f, true)]
    [InlineData(30f, true)]
    [InlineData(30.5f, false)]
    public async Task V1_CfgScaleIsIn0To30(float scale, bool accepted) =>
        await CheckAsync(new Text2ImageRequest("猫") { CfgScale = scale }, accepted, "cfg_scale");

    [Fact]
    public async Task V1_AdditionalPropertiesMayNotRepeatAModelledField()
    {
        var request = new Text2ImageRequest("猫");
        request.AdditionalProperties["size"] = "1x1";

        Assert.Equal("AdditionalProperties['size']", (await RejectedAsync(request)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task V2_EmptyPromptIsRejected(string prompt) =>
        Assert.Equal("prompt", (await RejectedAsync(new ImageGenerationRequest(prompt))).ParamName);

    [Theory]
    [InlineData("1024x1024", true)]
    [InlineData("1x1", true)]
    [InlineData("0x10", false)]
    [InlineData("10x", false)]
    [InlineData("10*10", false)]
    [InlineData("-10x10", false)]
    public async Task V2_SizeIsWidthxHeightInPixels(string size, bool accepted) =>
        await CheckAsync(new ImageGenerationRequest("猫") { Size = size }, accepted, "size");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public async Task V2_NIsIn1To4(int n, bool accepted) =>
        await CheckAsync(new ImageGenerationRequest("猫") { N = n }, accepted, "n");

    private static async Task CheckAsync(Text2ImageRequest request, bool accepted, string field)
    {
        if (accepted)
        {
            await AcceptedAsync(request);
        }
        else
        {
            Assert.Equal(field, (await RejectedAsync(request)).ParamName);
        }
    }

    private static async Task CheckAsync(ImageGenerationRequest request, bool accepted, string field)
    {
        if (accepted)
        {
            using var fake = new FakeQianfan();
            fake.RespondToArea(() => Responses.Json(V2Answer));
            using var client = fake.CreateV2Client();
            Assert.Single((await client.ImagesV2.GenerateAsync(request)).Images);
            Assert.Single(fake.AreaRequests);
        }
        else
        {
            Assert.Equal(field, (await RejectedAsync(request)).ParamName);
        }
    }

    private static async Task AcceptedAsync(Text2ImageRequest request)
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(V1Answer));
        using var client = fake.CreateClient();

        Assert.Single((await client.Images.GenerateAsync(request)).Images);
        Assert.Single(fake.AreaRequests);
    }

    private static async Task<QianfanValidationException> RejectedAsync(Text2ImageRequest request)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Images.GenerateAsync(request));

        Assert.Empty(fake.Requests);
        return ex;
    }

    private static async Task<QianfanValidationException> RejectedAsync(ImageGenerationRequest request)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.ImagesV2.GenerateAsync(request));

        Assert.Empty(fake.Requests);
        return ex;
    }
}
