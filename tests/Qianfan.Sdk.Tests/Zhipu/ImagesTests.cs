using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Images;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>CogView: the prompt and its options sent, the URL read back, the documented size and quality rules checked first.</summary>
public sealed class ImagesTests
{
    [Fact]
    public async Task Generate_PostsThePrompt_AndReturnsTheImagesUrl()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json("""{"created":1703485556,"data":[{"url":"https://sfile.chatglm.cn/testpath/b158178b_0.png"}]}"""));
        using var client = fake.CreateClient();

        var reply = await client.Images.GenerateAsync(new ImageGenerationRequest("一只可爱的小猫咪", "cogview-3"));

        Assert.Equal("https://sfile.chatglm.cn/testpath/b158178b_0.png", reply.Url);
        Assert.Equal(reply.Url, Assert.Single(reply.Images).Url);
        Assert.Equal(1703485556, reply.Created);
        var sent = Assert.Single(fake.Requests);
        Assert.Equal("https://zhipu.test/api/paas/v4/images/generations", sent.Uri.AbsoluteUri);
        Assert.Equal("""{"model":"cogview-3","prompt":"一只可爱的小猫咪"}""", sent.Body);
    }

    [Fact]
    public async Task Generate_SendsSizeQualityWatermarkAndIds()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json("""{"created":1,"data":[{"url":"https://x/1.png"}],"content_filter":[{"role":"user","level":3}]}"""));
        using var client = fake.CreateClient();

        var reply = await client.Images.GenerateAsync(new ImageGenerationRequest("山水画", "cogview-4-250304")
        {
            Size = "1440x720",
            Quality = "hd",
            WatermarkEnabled = false,
            UserId = "user-123456",
            RequestId = "img-1",
        });

        Assert.Equal(3, Assert.Single(reply.ContentFilter).Level);
        Assert.Equal(
            """{"model":"cogview-4-250304","prompt":"山水画","size":"1440x720","quality":"hd","watermark_enabled":false,"user_id":"user-123456","request_id":"img-1"}""",
            Assert.Single(fake.Requests).Body);
    }

    [Theory]
    [InlineData("1024x1024")]
    [InlineData("768x1344")]
    [InlineData("864x1152")]
    [InlineData("1344x768")]
    [InlineData("1152x864")]
    [InlineData("1440x720")]
    [InlineData("720x1440")]
    [InlineData("512x512")]
    [InlineData("2048x1024")]
    public async Task Size_TheRecommendedOnesAndAnyWithinTheRule_AreSent(string size)
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json("""{"created":1,"data":[{"url":"https://x/1.png"}]}"""));
        using var client = fake.CreateClient();

        await client.Images.GenerateAsync(new ImageGenerationRequest("猫") { Size = size });

        Assert.Equal(size, Assert.Single(fake.Requests).Json.GetProperty("size").GetString());
    }

    [Theory]
    [InlineData("1024", "WIDTHxHEIGHT")]
    [InlineData("1024*1024", "WIDTHxHEIGHT")]
    [InlineData("axb", "WIDTHxHEIGHT")]
    [InlineData("496x1024", "from 512 to 2048")]
    [InlineData("1024x2064", "from 512 to 2048")]
    [InlineData("1000x1000", "divisible by 16")]
    [InlineData("2048x2048", "at most 2097152 pixels")]
    [InlineData("2048x1040", "at most 2097152 pixels")]
    public async Task Size_OutsideTheRule_IsRefusedBeforeSending(string size, string rule)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Images.GenerateAsync(new ImageGenerationRequest("猫") { Size = size }));

        Assert.Equal("size", error.ParamName);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("cogview-4-250304", "ultra", "quality", "hd or standard")]
    [InlineData("cogview-3", "hd", "quality", "CogView-4 models")]
    [InlineData("cogview-4", "", "prompt", "prompt must not be empty")]
    [InlineData("cogview-4", null, "user_id", "6 to 128 characters")]
    public async Task OtherRules_AreCheckedBeforeSending(string model, string? quality, string field, string rule)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var request = new ImageGenerationRequest(field == "prompt" ? " " : "猫", model) { Quality = field == "prompt" ? null : quality, UserId = field == "user_id" ? "abc" : null };

        var error = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Images.GenerateAsync(request));

        Assert.Equal(field, error.ParamName);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }
}
