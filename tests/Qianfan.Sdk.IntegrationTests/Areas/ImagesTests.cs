using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.IntegrationTests.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Areas;

/// <summary>Images through the SDK against the emulator: V1 PNG bytes of the asked size, V2 URLs that fetch PNGs.</summary>
public sealed class ImagesTests
{
    [Fact]
    public async Task V1_ReturnsDecodablePngsOfTheSize()
    {
        await using var harness = await AreaHarness.StartAsync();

        var reply = await harness.Client.Images.GenerateAsync(new Text2ImageRequest("一只可爱的猫") { Size = "768x1024", N = 2, Steps = 20, Seed = 7 });

        Assert.Equal([0, 1], reply.Images.Select(i => i.Index));
        Assert.All(reply.Images, image =>
        {
            var png = PngFile.Decode(image.Data!);
            Assert.Equal((768, 1024), (png.Width, png.Height));
            Assert.Null(image.Url);
        });
        Assert.NotEqual(reply.Images[0].Data, reply.Images[1].Data);
        Assert.True(reply.Usage!.PromptTokens > 0);
        Assert.NotNull(reply.RequestId);
    }

    [Fact]
    public async Task V2_ReturnsUrlsThatServeTheImages()
    {
        await using var harness = await AreaHarness.StartAsync();

        var reply = await harness.Client.ImagesV2.GenerateAsync(new ImageGenerationRequest("一只可爱的猫") { Size = "512x512", N = 3 });

        Assert.Equal(3, reply.Images.Count);
        using var http = new HttpClient();
        foreach (var image in reply.Images)
        {
            Assert.Null(image.Data);
            var png = PngFile.Decode(await http.GetByteArrayAsync(image.Url));
            Assert.Equal((512, 512), (png.Width, png.Height));
        }

        Assert.NotNull(reply.RequestId);
    }

    [Fact]
    public async Task V2_ASizeTheModelCannotDraw_IsTheServicesInvalidArgument()
    {
        await using var harness = await AreaHarness.StartAsync(configure: o => o.Retry.MaxRetries = 0);

        // WIDTHxHEIGHT is all the SDK checks on V2; the service judges the sides.
        var ex = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.ImagesV2.GenerateAsync(new ImageGenerationRequest("猫") { Size = "4096x4096" }));

        Assert.Equal("invalid_argument", ex.ErrorName);
    }
}
