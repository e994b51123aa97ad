using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core.Json;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// A request's extra fields are written by <see cref="JsonBody"/> after the members its body models, at the top
/// level, with the same UTF-8 text as the rest of the body; a request without them is the body alone.
/// </summary>
public sealed class RequestBodyWritingTests
{
    [Fact]
    public void ExtraFields_FollowTheModeledMembers_EachKindOfValueAsGiven()
    {
        var request = new ChatRequest("ernie-speed-8k") { Messages = { ChatMessage.User("你好") } };
        request.AdditionalProperties["custom_flag"] = true;
        request.AdditionalProperties["nothing"] = null;
        request.AdditionalProperties["nested"] = new JsonObject { ["名字"] = "千帆 \"引号\"", ["list"] = new JsonArray(1, 2) };

        var json = Encoding.UTF8.GetString(Write(request));

        Assert.Equal("""{"messages":[{"role":"user","content":"你好"}],"custom_flag":true,"nothing":null,"nested":{"名字":"千帆 \"引号\"","list":[1,2]}}""", json);
    }

    [Fact]
    public void ABodyWithoutExtraFields_IsWrittenAlone_AfterOneThatHadThem()
    {
        var extra = new ChatRequest("ernie-speed-8k") { Messages = { ChatMessage.User("a") } };
        extra.AdditionalProperties["x"] = 1;
        var plain = new ChatRequest("ernie-speed-8k") { Messages = { ChatMessage.User("b") } };

        Write(extra);
        var json = Encoding.UTF8.GetString(Write(plain));

        Assert.Equal("""{"messages":[{"role":"user","content":"b"}]}""", json);
    }

    [Fact]
    public void ExtraFields_OfAnEmptyObject_AreItsOnlyMembers()
    {
        var json = Encoding.UTF8.GetString(JsonBody.Serialize(new Dictionary<string, int>(), BodyWritingJsonContext.Default.DictionaryStringInt32, new JsonObject { ["a"] = 1, ["b"] = "二" }));

        Assert.Equal("""{"a":1,"b":"二"}""", json);
    }

    [Fact]
    public void ExtraFields_OnABodyThatIsNoObject_AreAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => JsonBody.Serialize("text", BodyWritingJsonContext.Default.String, new JsonObject { ["a"] = 1 }));
    }

    private static byte[] Write(ChatRequest request) =>
        JsonBody.Serialize(ChatRequestBody.From(request, stream: false), ChatJsonContext.Default.ChatRequestBody, request.ExtraFields);
}

[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(string))]
internal sealed partial class BodyWritingJsonContext : JsonSerializerContext;
