using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Images;

namespace Qianfan.Sdk.Tests.Images;

/// <summary>The factory builds V1 (bytes) and V2 (URLs) image results with their HTTP answer.</summary>
public sealed class ImagesModelFactoryTests
{
    private static readonly ServiceResponse Answer = new(HttpStatusCode.OK, null, "req-i");

    [Fact]
    public void Text2ImageResponse_HoldsTheFilesInOrder()
    {
        var reply = ImagesModelFactory.Text2ImageResponse([[1], [2]], "as-i", response: Answer);

        Assert.Equal([0, 1], reply.Images.Select(i => i.Index));
        Assert.Equal([(byte)2], reply.Images[1].Data!);
        Assert.Equal("req-i", reply.RequestId);
    }

    [Fact]
    public void ImageGenerationResponse_HoldsTheUrlsInOrder()
    {
        var reply = ImagesModelFactory.ImageGenerationResponse(["https://img.test/1.png", "https://img.test/2.png"], response: Answer);

        Assert.Equal(["https://img.test/1.png", "https://img.test/2.png"], reply.Images.Select(i => i.Url));
        Assert.All(reply.Images, i => Assert.Null(i.Data));
        Assert.Equal("req-i", reply.RequestId);
    }
}
