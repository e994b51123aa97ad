using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>The sample's API as a developer first meets it: started with no credentials, chatting with its own emulator.</summary>
public sealed class ChatApiTests(ZeroConfigAppFixture fixture) : IClassFixture<ZeroConfigAppFixture>
{
    private SampleApp App => fixture.App;

    internal static string ExpectedReply(string message) => $"这是千帆模拟器的回答。你说的是：{message}。祝你一切顺利！";

    [Fact]
    public void Without_credentials_it_says_it_uses_the_emulator_and_logs_no_secret()
    {
        Assert.Contains("offline Qianfan emulator at http://127.0.0.1:", App.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator-secret-key", App.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_returns_the_reply_and_usage_as_json()
    {
        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = "1加1为什么等于2?" });

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ExpectedReply("1加1为什么等于2?"), body.GetProperty("reply").GetString());
        Assert.True(body.GetProperty("usage").GetProperty("totalTokens").GetInt32() > 0, body.ToString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reasoning").ValueKind);
    }

    [Fact]
    public async Task Models_lists_the_pickers_V2_and_V1_models_all_served_by_the_emulator()
    {
        var models = await App.Http.GetFromJsonAsync<JsonElement>("api/models");

        var ids = models.EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["ernie-4.5-turbo-128k", "ernie-x1.1", "ERNIE-Speed-8K", "ERNIE-Lite-8K"], ids);
        Assert.Equal(["v2", "v2", "v1", "v1"], models.EnumerateArray().Select(m => m.GetProperty("api").GetString()));
        Assert.All(models.EnumerateArray(), m => Assert.True(m.GetProperty("available").GetBoolean()));
        Assert.True(models[1].GetProperty("reasoning").GetBoolean());
    }

    [Fact]
    public async Task Chat_on_a_thinking_model_returns_its_reasoning_beside_the_reply()
    {
        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = "1加1为什么等于2?", model = "ernie-x1.1" });

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ExpectedReply("1加1为什么等于2?"), body.GetProperty("reply").GetString());
        Assert.Equal("这是千帆模拟器的思考过程。用户说的是：1加1为什么等于2?。先想清楚要点，再组织回答。", body.GetProperty("reasoning").GetString());
    }

    [Theory]
    [InlineData("ernie-4.5-turbo-128k")]
    [InlineData("ERNIE-Speed-8K")]
    public async Task Chat_takes_the_conversation_so_far_and_answers_its_last_message(string model)
    {
        var messages = new object[]
        {
            new { role = "user", text = "第一问" },
            new { role = "assistant", text = ExpectedReply("第一问") },
            new { role = "user", text = "第二问" },
        };

        using var response = await App.Http.PostAsJsonAsync("api/chat", new { messages, model });

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal(ExpectedReply("第二问"), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString());
    }

    [Fact]
    public async Task A_model_the_app_does_not_offer_is_a_400_problem_naming_model()
    {
        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = "你好", model = "gpt-4o" });

        var errors = await ValidationErrorsAsync(response);
        Assert.Equal(["model"], errors.Keys);
        Assert.Contains("gpt-4o", errors["model"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_on_a_thinking_model_sends_the_reasoning_events_before_the_answer()
    {
        using var response = await ServerSentEventReader.PostAsync(App.Http, "api/chat/stream", """{"message":"你好","model":"ernie-x1.1"}""");

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        var events = await ServerSentEventReader.ReadAllAsync(response);
        var types = events.Select(e => e.Type).ToList();
        Assert.Equal("reasoning", types[0]);
        Assert.True(types.LastIndexOf("reasoning") < types.IndexOf("message"), string.Join(" ", types));
        Assert.Equal("done", types[^1]);
        Assert.Equal(ExpectedReply("你好"), string.Concat(events.Where(e => e.Type == "message").Select(e => e.Json.GetProperty("text").GetString())));
        Assert.True(events[^1].Json.GetProperty("usage").GetProperty("totalTokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Chat_accepts_a_model_and_sampling_parameters()
    {
        using var response = await App.Http.PostAsJsonAsync(
            "api/chat", new { message = "你好", model = "ERNIE-Speed-8K", temperature = 0.5, topP = 0.8, system = "你是一位数学老师" });

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ExpectedReply("你好"), body.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Stream_relays_the_pieces_as_server_sent_events_then_done()
    {
        using var response = await ServerSentEventReader.PostAsync(App.Http, "api/chat/stream", """{"message":"流式"}""");

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ServerSentEventReader.ReadAllAsync(response);
        var texts = events.Where(e => e.Type == "message").Select(e => e.Json.GetProperty("text").GetString()).ToList();
        Assert.True(texts.Count >= 3, $"expected several data events, got: {string.Join(" | ", events)}");
        Assert.Equal(ExpectedReply("流式"), string.Concat(texts));
        var done = events[^1];
        Assert.Equal("done", done.Type);
        Assert.True(done.Json.GetProperty("usage").GetProperty("totalTokens").GetInt32() > 0, done.Data);
    }

    [Theory]
    [InlineData("api/chat", """{"message":""}""")]
    [InlineData("api/chat", """{"message":"   "}""")]
    [InlineData("api/chat", """{"temperature":0.5}""")]
    [InlineData("api/chat/stream", """{"message":""}""")]
    public async Task An_empty_message_is_a_400_problem_naming_message(string path, string body)
    {
        using var response = await ServerSentEventReader.PostAsync(App.Http, path, body);

        var errors = await ValidationErrorsAsync(response);
        Assert.Equal(["message"], errors.Keys);
        Assert.Contains("must not be empty", errors["message"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/chat")]
    [InlineData("api/chat/stream")]
    public async Task A_parameter_the_service_would_refuse_is_a_400_problem_naming_it(string path)
    {
        using var response = await ServerSentEventReader.PostAsync(App.Http, path, """{"message":"你好","temperature":0}""");

        var errors = await ValidationErrorsAsync(response);
        Assert.Equal(["temperature"], errors.Keys);
        Assert.Equal("temperature must be in (0, 1], was 0", errors["temperature"][0]);
    }

    [Fact]
    public async Task A_message_over_the_models_limit_is_a_400_problem_naming_message()
    {
        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = new string('长', 30_000), model = "ERNIE-Speed-8K" });

        var errors = await ValidationErrorsAsync(response);
        Assert.Equal(["message"], errors.Keys);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_crash()
    {
        using var response = await ServerSentEventReader.PostAsync(App.Http, "api/chat", """{"message":"x","temperature":"hot"}""");

        await App.AssertStatusAsync(response, HttpStatusCode.BadRequest);
        using var again = await App.Http.PostAsJsonAsync("api/chat", new { message = "still alive" });
        await App.AssertStatusAsync(again, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_page_and_its_script_are_served()
    {
        var page = await App.Http.GetStringAsync("");
        Assert.Contains("id=\"message\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"conversation\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"model\"", page, StringComparison.Ordinal);
        var script = await App.Http.GetStringAsync("app.js");
        Assert.Contains("api/chat/stream", script, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        await App.AssertStatusAsync(response, HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
