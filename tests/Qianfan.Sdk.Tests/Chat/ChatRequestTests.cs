using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// What V1 chat sends: the URL with its token, the JSON names, what is left out, the body's UTF-8 encoding and the
/// extra fields a request carries.
/// </summary>
public sealed class ChatRequestTests
{
    [Fact]
    public async Task Body_UnsetParametersAreOmitted()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask("ERNIE-Speed-8K", "你好"));

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Equal(["messages"], sent.JsonKeys);
        Assert.Equal("""{"messages":[{"role":"user","content":"你好"}]}""", sent.Body);
    }

    [Fact]
    public async Task Body_SetParametersUseTheServiceNames()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = Ask("ERNIE-Speed-8K", "hi");
        request.System = "你是一个助手";
        request.Temperature = 0.8f;
        request.TopP = 0.7f;
        request.PenaltyScore = 1.2f;
        request.MaxOutputTokens = 512;
        request.FrequencyPenalty = 0.1f;
        request.PresencePenalty = -0.5f;
        request.Stop.Add("\n\n");
        request.Stop.Add("END");
        request.UserId = "user-42";

        await client.Chat.CompleteAsync(request);

        var json = Assert.Single(fake.ChatRequests).Json;
        Assert.Equal(
            ["frequency_penalty", "max_output_tokens", "messages", "penalty_score", "presence_penalty", "stop", "system", "temperature", "top_p", "user_id"],
            Assert.Single(fake.ChatRequests).JsonKeys);
        Assert.Equal("你是一个助手", json.GetProperty("system").GetString());
        Assert.Equal("0.8", json.GetProperty("temperature").GetRawText());
        Assert.Equal("0.7", json.GetProperty("top_p").GetRawText());
        Assert.Equal("1.2", json.GetProperty("penalty_score").GetRawText());
        Assert.Equal(512, json.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("0.1", json.GetProperty("frequency_penalty").GetRawText());
        Assert.Equal("-0.5", json.GetProperty("presence_penalty").GetRawText());
        Assert.Equal(["\n\n", "END"], json.GetProperty("stop").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("user-42", json.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task Body_ChineseIsSentAsRawUtf8NotAsEscapes()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = Ask("ERNIE-Speed-8K", "千帆大模型，你好！");
        request.System = "你是一个助手";

        await client.Chat.CompleteAsync(request);

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Equal(
            Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"千帆大模型，你好！"}],"system":"你是一个助手"}"""),
            sent.BodyBytes);
        Assert.DoesNotContain("\\u", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_QuotesBackslashesAndControlCharactersAreStillEscaped()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask("ERNIE-Speed-8K", "say \"hi\" \\ then\n\ttab\u0001 中"));

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Contains("""
            "content":"say \"hi\" \\ then\n\ttab\u0001 中"
            """, sent.Body, StringComparison.Ordinal);
        Assert.Equal("say \"hi\" \\ then\n\ttab\u0001 中", sent.Json.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AdditionalProperties_AreSentAsTopLevelFields()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = Ask("ERNIE-Speed-8K", "hi");
        request.AdditionalProperties["enable_system_memory"] = true;
        request.AdditionalProperties["system_memory_id"] = "sm-1";
        request.AdditionalProperties["extra"] = new JsonObject { ["depth"] = 2, ["note"] = "中文" };

        await client.Chat.CompleteAsync(request);

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Equal(["enable_system_memory", "extra", "messages", "system_memory_id"], sent.JsonKeys);
        Assert.True(sent.Json.GetProperty("enable_system_memory").GetBoolean());
        Assert.Equal("sm-1", sent.Json.GetProperty("system_memory_id").GetString());
        Assert.Equal(2, sent.Json.GetProperty("extra").GetProperty("depth").GetInt32());
        Assert.Contains("\"note\":\"中文\"", sent.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("temperature")]
    [InlineData("stream")]
    [InlineData("user_id")]
    public async Task AdditionalProperties_NamingAFieldTheSdkSendsIsRejectedNamingIt(string field)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = Ask("ERNIE-Speed-8K", "hi");
        request.AdditionalProperties[field] = 1;

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal($"AdditionalProperties['{field}']", ex.ParamName);
        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<QianfanValidationException>(() => client.Chat.StreamAsync(request));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Body_TopKIsSentAsTopK()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = Ask("Llama-2-7B-Chat", "hi");
        request.TopK = 40;

        await client.Chat.CompleteAsync(request);

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Equal(40, sent.Json.GetProperty("top_k").GetInt32());
        Assert.EndsWith("/chat/llama_2_7b", sent.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_RolesSerializeAsUserAndAssistant()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest("ERNIE-Speed-8K");
        request.Messages.Add(ChatMessage.User("q1"));
        request.Messages.Add(ChatMessage.Assistant("a1"));
        request.Messages.Add(ChatMessage.User("q2"));

        await client.Chat.CompleteAsync(request);

        var messages = Assert.Single(fake.ChatRequests).Json.GetProperty("messages");
        Assert.Equal(
            [("user", "q1"), ("assistant", "a1"), ("user", "q2")],
            messages.EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToArray());
    }

    [Fact]
    public async Task Body_StreamTrueOnlyOnStreamAsync()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        fake.RespondToChatInTurn(() => Responses.Reply(), () => Responses.EventStream(Responses.Event(0, "hi", isEnd: true)));

        await client.Chat.CompleteAsync(Ask("ERNIE-Speed-8K", "sync"));
        await foreach (var _ in client.Chat.StreamAsync(Ask("ERNIE-Speed-8K", "stream")))
        {
        }

        var (sync, stream) = (fake.ChatRequests[0], fake.ChatRequests[1]);
        Assert.False(sync.Json.TryGetProperty("stream", out _));
        Assert.Equal(JsonValueKind.True, stream.Json.GetProperty("stream").ValueKind);
    }

    [Fact]
    public async Task Request_IsAJsonPostToTheChatEndpointWithTheToken()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask("ERNIE-Speed-8K", "hi"));

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie_speed?access_token=token-1", sent.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Request_TokenIsEscapedInTheQueryString()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClientWithStaticToken("24.a+b/c=d&e");

        await client.Chat.CompleteAsync(Ask("ERNIE-Speed-8K", "hi"));

        var sent = Assert.Single(fake.ChatRequests);
        Assert.Equal("24.a+b/c=d&e", sent.AccessToken);
        Assert.Equal("?access_token=24.a%2Bb%2Fc%3Dd%26e", sent.Uri.Query);
    }

    [Theory]
    [InlineData("ERNIE-4.0-8K", "completions_pro")]
    [InlineData("ernie-4.0-8k", "completions_pro")]
    [InlineData("ERNIE-3.5-8K", "completions")]
    [InlineData("Ernie-3.5-8k", "completions")]
    [InlineData("ERNIE-Speed-8K", "ernie_speed")]
    [InlineData("ernie-speed-8k", "ernie_speed")]
    [InlineData("ERNIE-Speed-128K", "ernie-speed-128k")]
    [InlineData("ERNIE-Lite-8K", "ernie-lite-8k")]
    [InlineData("ernie-lite-8k", "ernie-lite-8k")]
    [InlineData("ERNIE-4.0-Turbo-8K", "ernie-4.0-turbo-8k")]
    [InlineData("ERNIE-TINY-8K", "ernie-tiny-8k")]
    [InlineData("ERNIE-Tiny-8K", "ernie-tiny-8k")]
    [InlineData("Llama-2-7B-Chat", "llama_2_7b")]
    [InlineData("ERNIE-Bot-4", "completions_pro")]
    public async Task Model_ResolvesCaseInsensitivelyToItsEndpoint(string model, string endpoint)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask(model, "hi"));

        Assert.Equal(FakeQianfan.ChatPath + endpoint, Assert.Single(fake.ChatRequests).Path);
    }

    [Fact]
    public async Task Model_DefaultIsErnieLite8K()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest();
        request.Messages.Add(ChatMessage.User("hi"));

        await client.Chat.CompleteAsync(request);

        Assert.Equal("ERNIE-Lite-8K", request.Model);
        Assert.Equal(ModelCatalog.DefaultModel, request.Model);
        Assert.Equal(FakeQianfan.ChatPath + "ernie-lite-8k", Assert.Single(fake.ChatRequests).Path);
    }

    [Fact]
    public async Task Model_CustomEndpointIsUsedAsIs()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest(ModelSpec.ForCustomEndpoint("Dolly_12B.v2"));
        request.Messages.Add(ChatMessage.User("hi"));

        await client.Chat.CompleteAsync(request);

        Assert.Equal(FakeQianfan.ChatPath + "Dolly_12B.v2", Assert.Single(fake.ChatRequests).Path);
    }

    [Theory]
    [InlineData("https://gateway.test/qianfan/")]
    [InlineData("https://gateway.test/qianfan")]
    public async Task BaseUrl_WithAPathPrefixKeepsThePrefix(string baseUrl)
    {
        using var fake = new FakeQianfan(baseUrl);
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask("ERNIE-Speed-8K", "hi"));

        Assert.Equal("https://gateway.test/qianfan/oauth/2.0/token", Assert.Single(fake.TokenRequests).Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal(
            "https://gateway.test/qianfan/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie_speed",
            Assert.Single(fake.ChatRequests).Uri.GetLeftPart(UriPartial.Path));
    }

    private static ChatRequest Ask(string model, string question)
    {
        var request = new ChatRequest(model);
        request.Messages.Add(ChatMessage.User(question));
        return request;
    }
}
