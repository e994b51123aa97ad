using System.Text.Json;
using Qianfan.Sdk.Chat;
using ZhipuChat = Qianfan.Sdk.Zhipu.Chat;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// A reply's <c>content</c> in each of its forms, read through the platforms' contracts (Core's
/// <c>MessageContentJson</c> under both): a string, null, and an array of parts whose text is joined.
/// </summary>
public sealed class MessageContentReadingTests
{
    private const string Parts = """[{"type":"text","text":"左边"},{"type":"image_url","image_url":{"url":"https://example.test/a.png","detail":"low"}},{"text":"右边"}]""";

    [Fact]
    public void QianfanV2_ReadsPartsWithTheirTextJoined()
    {
        var message = JsonSerializer.Deserialize($$"""{"role":"assistant","content":{{Parts}}}""", ChatJsonContext.Default.ChatMessage)!;

        Assert.Equal("左边右边", message.Content);
        Assert.Collection(
            message.Parts!,
            p => Assert.Equal(("text", "左边", (string?)null), (p.Type, p.Text, p.ImageUrl)),
            p => Assert.Equal(("image_url", (string?)null, "https://example.test/a.png"), (p.Type, p.Text, p.ImageUrl)),
            p => Assert.Equal(("text", "右边", (string?)null), (p.Type, p.Text, p.ImageUrl)));
    }

    [Fact]
    public void Zhipu_ReadsPartsWithTheirTextJoined_AndNullAsEmpty()
    {
        var parts = JsonSerializer.Deserialize($$"""{"role":"assistant","content":{{Parts}}}""", ZhipuChat.ChatJsonContext.Default.ChatMessage)!;
        var none = JsonSerializer.Deserialize("""{"role":"assistant","content":null}""", ZhipuChat.ChatJsonContext.Default.ChatMessage)!;

        Assert.Equal("左边右边", parts.Content);
        Assert.Equal(["text", "image_url", "text"], parts.Parts!.Select(p => p.Type));
        Assert.Equal("", none.Content);
        Assert.Null(none.Parts);
    }

    [Theory]
    [InlineData("""{"role":"assistant","content":5}""")]
    [InlineData("""{"role":"assistant","content":[1]}""")]
    public void ContentOfAnotherShape_IsAJsonError(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatMessage));
}
