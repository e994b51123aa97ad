using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>The strings every V2 piece repeats (id, object, model) are read once per stream, and read afresh when they change.</summary>
public sealed class ChatCompletionChunkReadingTests
{
    private static ChatCompletionChunk Read(string json) => JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletionChunk)!;

    private static string? ReadWith(RepeatedStringConverter converter, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return converter.Read(ref reader, typeof(string), JsonSerializerOptions.Default);
    }

    [Fact]
    public void ARepeatedValue_IsTheSameString_AChangedOrEscapedOneIsReadAsSent()
    {
        var converter = new RepeatedStringConverter();

        var first = ReadWith(converter, "\"as-bcmt5ct4iy\"");
        var again = ReadWith(converter, "\"as-bcmt5ct4iy\"");
        var escaped = ReadWith(converter, "\"as\\u002Dbcmt5ct4iy\"");
        var other = ReadWith(converter, "\"as-other\"");

        Assert.Equal("as-bcmt5ct4iy", first);
        Assert.Same(first, again);
        Assert.Same(first, escaped);
        Assert.Equal("as-other", other);
    }

    [Fact]
    public void Pieces_ReadTheirIdObjectAndModel_AsSent()
    {
        var first = Read("""{"id":"as-1","object":"chat.completion.chunk","model":"ernie-4.5-turbo-128k","choices":[{"index":0,"delta":{"content":"一"}}]}""");
        var other = Read("""{"id":"as-2","object":"chat.completion.chunk","model":"ernie\u002Dx1.1","choices":[]}""");

        Assert.Equal(("as-1", "chat.completion.chunk", "ernie-4.5-turbo-128k", "一"), (first.Id, first.ObjectType, first.Model, first.ContentDelta));
        Assert.Equal(("as-2", "ernie-x1.1"), (other.Id, other.Model));
    }

    [Theory]
    [InlineData("""{"id":42,"choices":[]}""")]
    [InlineData("""{"model":{"name":"x"},"choices":[]}""")]
    public void ARepeatedFieldThatIsNotAString_IsAJsonError(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Fact]
    public void ANullId_ReadsAsNull()
    {
        Assert.Null(Read("""{"id":null,"choices":[]}""").Id);
    }
}
