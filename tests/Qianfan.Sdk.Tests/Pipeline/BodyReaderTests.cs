using System.Text;
using Qianfan.Sdk.Core.Reading;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// How a whole sync body is read: to its declared length and no further (no read is spent finding its end), or to
/// the end of the body when it declares none.
/// </summary>
public sealed class BodyReaderTests
{
    private const string Body = """{"text":"你好"}""";

    [Fact]
    public async Task ABodyOfDeclaredLength_IsReadInTheReadsItsBytesNeed()
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        var stream = new PieceStream(bytes, 5);
        using var response = Answer(stream, bytes.Length);

        var text = await BodyReader.ReadAsync(response, 0, static (body, _) => Encoding.UTF8.GetString(body), CancellationToken.None);

        Assert.Equal(Body, text);
        Assert.Equal((bytes.Length + 4) / 5, stream.Reads);
    }

    [Fact]
    public async Task ABodyWithoutADeclaredLength_IsReadToItsEnd()
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        var stream = new PieceStream(bytes, 5);
        using var response = Answer(stream, null);

        var text = await BodyReader.ReadAsync(response, 0, static (body, _) => Encoding.UTF8.GetString(body), CancellationToken.None);

        Assert.Equal(Body, text);
        Assert.Equal((bytes.Length + 4) / 5 + 1, stream.Reads);
    }

    private static HttpResponseMessage Answer(Stream body, long? length)
    {
        var content = new StreamContent(body);
        content.Headers.ContentLength = length;
        return new HttpResponseMessage { Content = content };
    }
}
