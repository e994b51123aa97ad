using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>
/// The sample configured (through <c>Qianfan__*</c> variables) for an emulator the tests own: service errors become
/// 502 problem details with the code, a stream cut short ends with an <c>error</c> event, pieces are flushed as they
/// come, and no secret ever shows. The tests of this class run one after the other, so armed faults hit their own call.
/// </summary>
public sealed class ServiceErrorTests(EmulatedAppFixture fixture) : IClassFixture<EmulatedAppFixture>
{
    private SampleApp App => fixture.App;

    [Fact]
    public async Task It_uses_the_configured_service_not_its_own_emulator()
    {
        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = "configured" });

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Contains(fixture.Emulator.Requests, r => r.IsChat && r.Body.Contains("configured", StringComparison.Ordinal));
        Assert.DoesNotContain("offline Qianfan emulator", App.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/chat")]
    [InlineData("api/chat/stream")]
    public async Task A_service_error_is_a_502_problem_with_its_code_and_message(string path)
    {
        fixture.Emulator.Scenarios.FailNextChatCalls(1, 336003, "the emulated service refused this call");

        using var response = await ServerSentEventReader.PostAsync(App.Http, path, """{"message":"你好"}""");

        await App.AssertStatusAsync(response, HttpStatusCode.BadGateway);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(502, problem.GetProperty("status").GetInt32());
        Assert.Equal(336003, problem.GetProperty("errorCode").GetInt32());
        Assert.Equal("the emulated service refused this call", problem.GetProperty("detail").GetString());
        AssertNoSecretIn(text);
    }

    [Theory]
    [InlineData("ernie-4.5-turbo-128k")]
    [InlineData("ERNIE-Speed-8K")]
    public async Task The_conversation_goes_to_the_service_whole_through_the_models_IChatClient(string model)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var messages = new object[]
        {
            new { role = "user", text = $"第一问 {marker}" },
            new { role = "assistant", text = "第一答" },
        };

        using var response = await App.Http.PostAsJsonAsync("api/chat", new { messages, message = "第二问", model, system = "你是一位数学老师", temperature = 0.5 });

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        var sent = Assert.Single(fixture.Emulator.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        var body = JsonDocument.Parse(sent.Body).RootElement;
        var turns = body.GetProperty("messages").EnumerateArray().Select(m => $"{m.GetProperty("role").GetString()}: {m.GetProperty("content").GetString()}").ToList();
        if (model.StartsWith("ernie-", StringComparison.Ordinal))
        {
            Assert.True(sent.IsV2Chat);
            Assert.Equal(model, body.GetProperty("model").GetString());
            Assert.Equal(["system: 你是一位数学老师", $"user: 第一问 {marker}", "assistant: 第一答", "user: 第二问"], turns);
        }
        else
        {
            Assert.Equal("ernie_speed", sent.Endpoint);
            Assert.Equal("你是一位数学老师", body.GetProperty("system").GetString());
            Assert.Equal([$"user: 第一问 {marker}", "assistant: 第一答", "user: 第二问"], turns);
        }

        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task A_V2_service_error_is_a_502_problem_with_its_error_name()
    {
        fixture.Emulator.Scenarios.FailNextChatCalls(1, 336003, "the emulated service refused this call");

        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = "你好", model = "ernie-4.5-turbo-128k" });

        await App.AssertStatusAsync(response, HttpStatusCode.BadGateway);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.String, problem.GetProperty("errorCode").ValueKind);
        Assert.Equal("the emulated service refused this call", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_stream_cut_short_ends_with_an_error_event_after_the_pieces_sent()
    {
        fixture.Emulator.Scenarios.CutNextStreams(1, afterSentences: 1);

        using var response = await ServerSentEventReader.PostAsync(App.Http, "api/chat/stream", """{"message":"断流"}""");

        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        var events = await ServerSentEventReader.ReadAllAsync(response);
        Assert.Equal(["message", "error"], events.Select(e => e.Type));
        Assert.Equal("这是千帆模拟器的回答。", events[0].Json.GetProperty("text").GetString());
        Assert.Contains("ended before its last chunk", events[1].Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        await App.WaitForOutputAsync("The streamed answer broke off: Qianfan error");

        using var after = await App.Http.PostAsJsonAsync("api/chat", new { message = "still alive" });
        await App.AssertStatusAsync(after, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_piece_reaches_the_client_before_the_service_has_sent_the_next()
    {
        // The emulator sends piece 0, then holds the stream: the client must already have piece 0 by then.
        var hold = fixture.Emulator.Scenarios.HoldNextStreamAfterFirstChunk();
        try
        {
            using var response = await ServerSentEventReader.PostAsync(App.Http, "api/chat/stream", """{"message":"慢"}""");
            await App.AssertStatusAsync(response, HttpStatusCode.OK);
            using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

            var first = await reader.ReadNextAsync(timeout.Token);
            Assert.False(hold.IsReleased);
            Assert.Equal("message", first?.Type);
            Assert.Equal("这是千帆模拟器的回答。", first!.Json.GetProperty("text").GetString());

            hold.Release();
            var rest = new List<ServerSentEvent>();
            while (await reader.ReadNextAsync(timeout.Token) is { } next)
            {
                rest.Add(next);
            }

            Assert.Equal(["message", "message", "done"], rest.Select(e => e.Type));
            Assert.Equal(ChatApiTests.ExpectedReply("慢"), first.Json.GetProperty("text").GetString() + string.Concat(rest.SkipLast(1).Select(e => e.Json.GetProperty("text").GetString())));
        }
        finally
        {
            hold.Release();
        }
    }

    [Fact]
    public async Task A_browser_that_goes_away_mid_stream_ends_the_relay_quietly()
    {
        var hold = fixture.Emulator.Scenarios.HoldNextStreamAfterFirstChunk();
        try
        {
            using (var response = await ServerSentEventReader.PostAsync(App.Http, "api/chat/stream", """{"message":"再见"}"""))
            {
                using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                Assert.Equal("message", (await reader.ReadNextAsync(timeout.Token))?.Type);
            }

            // Disposing the response mid-stream closed the connection: the app cancels the SDK call (the service is
            // still holding the rest back), logs no failure and goes on serving.
            using var after = await App.Http.PostAsJsonAsync("api/chat", new { message = "still alive" });
            await App.AssertStatusAsync(after, HttpStatusCode.OK);
            await Task.Delay(200);
            Assert.DoesNotContain("fail:", App.Output, StringComparison.Ordinal);
        }
        finally
        {
            hold.Release();
        }
    }

    [Fact]
    public async Task No_secret_is_ever_logged()
    {
        using var response = await App.Http.PostAsJsonAsync("api/chat", new { message = "秘密" });
        await App.AssertStatusAsync(response, HttpStatusCode.OK);
        AssertNoSecretIn(await response.Content.ReadAsStringAsync());

        Assert.NotEmpty(fixture.Secrets());
        AssertNoSecretIn(App.Output);
    }

    private void AssertNoSecretIn(string text)
    {
        foreach (var secret in fixture.Secrets())
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
