using System.Diagnostics;
using System.Text.Json;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>
/// The sample app (over an emulator the tests own, pausing between stream pieces so growth can be seen) and one
/// headless Chromium for all the browser tests of the class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly TimeSpan SentenceDelay = TimeSpan.FromMilliseconds(300);

    private readonly EmulatedAppFixture _app = new();

    internal EmulatedAppFixture Service => _app;

    internal Chromium Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _app.Emulator.Scenarios.StreamSentenceDelay = SentenceDelay;
        try
        {
            Browser = await Chromium.LaunchAsync();
        }
        catch
        {
            await _app.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    /// <summary>A fresh tab showing the sample's page.</summary>
    internal async Task<ChromiumPage> OpenSampleAsync()
    {
        var page = await Browser.NewPageAsync();
        await page.NavigateAsync(_app.App.BaseAddress);
        await page.WaitUntilAsync("document.querySelector('#model').options.length > 0", TimeSpan.FromSeconds(10));
        return page;
    }
}

/// <summary>
/// End to end in a real browser: a person picks a model, holds a conversation of several turns, watches each answer
/// grow as it streams, opens a thinking model's folded reasoning, and sees errors where they happened.
/// </summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    private const string LastAnswer = "#conversation .turn.assistant:last-child";

    [Fact]
    public async Task A_conversation_of_three_turns_streams_each_answer_into_the_page_and_keeps_the_history()
    {
        var page = await fixture.OpenSampleAsync();
        await page.SelectAsync("#model", "ernie-4.5-turbo-128k");
        string[] questions = ["1加1为什么等于2?", "那么2加2呢?", "谢谢"];

        // Turn one: the service sends its first piece, then holds the rest back — the page already shows that piece.
        var hold = fixture.Service.Emulator.Scenarios.HoldNextStreamAfterFirstChunk();
        string partial;
        try
        {
            await page.TypeAsync("#message", questions[0]);
            await page.ClickAsync("#send");
            await page.WaitUntilAsync($"document.querySelector('{LastAnswer} .text').textContent.length > 0", AnswerTimeout);
            partial = await page.TextOfAsync($"{LastAnswer} .text");
            Assert.False(hold.IsReleased);
            await ScreenshotIfAskedAsync(page, "growing");
        }
        finally
        {
            hold.Release();
        }

        var (seen, status) = await WatchAnswerAsync(page);
        var expected = ChatApiTests.ExpectedReply(questions[0]);
        var shown = string.Join(" | ", seen.Select(s => $"'{s}'"));
        Assert.True(partial.Length > 0 && partial.Length < expected.Length && expected.StartsWith(partial, StringComparison.Ordinal), $"first read '{partial}', expected a part of '{expected}'");
        Assert.True(seen[^1] == expected, $"the page shows '{seen[^1]}' (status '{status}'), expected '{expected}'; seen: {shown}");
        Assert.Matches(@"^Done · \d+ tokens$", status);

        // Turns two and three: the whole conversation goes with each message.
        foreach (var question in questions[1..])
        {
            await page.WaitUntilAsync("!document.querySelector('#send').disabled", AnswerTimeout);
            await page.TypeAsync("#message", question);
            await page.ClickAsync("#send");
            var (turnSeen, _) = await WatchAnswerAsync(page);
            Assert.Equal(ChatApiTests.ExpectedReply(question), turnSeen[^1]);
        }

        var turns = await page.EvaluateAsync("[...document.querySelectorAll('#conversation .turn')].map(t => t.className + ': ' + t.querySelector('.text').textContent)");
        Assert.Equal(
            questions.SelectMany(q => new[] { $"turn user: {q}", $"turn assistant: {ChatApiTests.ExpectedReply(q)}" }),
            turns.EnumerateArray().Select(t => t.GetString()));
        var last = fixture.Service.Emulator.Requests.Last(r => r.IsV2Chat && r.Body.Contains(questions[2], StringComparison.Ordinal));
        var roles = JsonDocument.Parse(last.Body).RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString());
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], roles);
        await ScreenshotIfAskedAsync(page, "conversation");
    }

    [Fact]
    public async Task A_thinking_models_reasoning_shows_folded_above_its_answer()
    {
        var page = await fixture.OpenSampleAsync();
        await page.SelectAsync("#model", "ernie-x1.1");

        await page.TypeAsync("#message", "你好");
        await page.ClickAsync("#send");
        var (seen, _) = await WatchAnswerAsync(page);

        Assert.Equal(ChatApiTests.ExpectedReply("你好"), seen[^1]);
        Assert.Equal("这是千帆模拟器的思考过程。用户说的是：你好。先想清楚要点，再组织回答。", await page.TextOfAsync($"{LastAnswer} details.reasoning .reasoning-text"));
        Assert.False((await page.EvaluateAsync($"document.querySelector('{LastAnswer} details.reasoning').open")).GetBoolean());
        await ScreenshotIfAskedAsync(page, "reasoning");
    }

    [Fact]
    public async Task A_V1_model_can_be_picked_and_holds_the_conversation_too()
    {
        var page = await fixture.OpenSampleAsync();
        await page.SelectAsync("#model", "ERNIE-Speed-8K");
        var marker = Guid.NewGuid().ToString("N")[..8];

        foreach (var question in new[] { $"第一问{marker}", "第二问" })
        {
            await page.WaitUntilAsync("!document.querySelector('#send').disabled", AnswerTimeout);
            await page.TypeAsync("#message", question);
            await page.ClickAsync("#send");
            var (seen, _) = await WatchAnswerAsync(page);
            Assert.Equal(ChatApiTests.ExpectedReply(question), seen[^1]);
        }

        var second = fixture.Service.Emulator.Requests.Last(r => r.IsChat && r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.Equal("ernie_speed", second.Endpoint);
        Assert.Equal(3, JsonDocument.Parse(second.Body).RootElement.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_service_error_shows_inline_with_its_code_and_the_conversation_goes_on()
    {
        var page = await fixture.OpenSampleAsync();
        await page.SelectAsync("#model", "ERNIE-Speed-8K");
        fixture.Service.Emulator.Scenarios.FailNextChatCalls(1, 336003, "the emulated service refused this call");

        await page.TypeAsync("#message", "你好");
        await page.ClickAsync("#send");

        await page.WaitUntilAsync($"document.querySelector('{LastAnswer}').classList.contains('failed')", AnswerTimeout);
        Assert.Equal("the emulated service refused this call (error 336003)", await page.TextOfAsync($"{LastAnswer} .error-text"));
        Assert.Equal("", await page.TextOfAsync($"{LastAnswer} .text"));
        Assert.True((await page.EvaluateAsync("document.querySelector('#status').classList.contains('error')")).GetBoolean());
        await ScreenshotIfAskedAsync(page, "service-error");

        // The failed turn stays out of the history: the next message is answered (V1 would refuse two user turns in a row).
        await page.WaitUntilAsync("!document.querySelector('#send').disabled", AnswerTimeout);
        await page.TypeAsync("#message", "再试一次");
        await page.ClickAsync("#send");
        var (seen, status) = await WatchAnswerAsync(page);
        Assert.Equal(ChatApiTests.ExpectedReply("再试一次"), seen[^1]);
        Assert.StartsWith("Done", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_message_shows_the_servers_validation_error_inline()
    {
        var page = await fixture.OpenSampleAsync();

        await page.ClickAsync("#send");

        await page.WaitUntilAsync($"document.querySelector('{LastAnswer}') && document.querySelector('{LastAnswer}').classList.contains('failed')", AnswerTimeout);
        Assert.Equal("message must not be empty.", await page.TextOfAsync($"{LastAnswer} .error-text"));
        Assert.Equal("message must not be empty.", await page.TextOfAsync("#status"));
    }

    [Fact]
    public async Task An_answer_cut_short_keeps_what_arrived_and_says_it_broke_off()
    {
        var page = await fixture.OpenSampleAsync();
        await page.SelectAsync("#model", "ERNIE-Speed-8K");
        fixture.Service.Emulator.Scenarios.CutNextStreams(1, afterSentences: 2);

        await page.TypeAsync("#message", "断流");
        await page.ClickAsync("#send");

        await page.WaitUntilAsync($"document.querySelector('{LastAnswer}').classList.contains('failed')", AnswerTimeout);
        Assert.StartsWith("The answer broke off: ", await page.TextOfAsync($"{LastAnswer} .error-text"), StringComparison.Ordinal);
        Assert.Equal("这是千帆模拟器的回答。你说的是：断流。", await page.TextOfAsync($"{LastAnswer} .text"));
        await ScreenshotIfAskedAsync(page, "cut-short");
    }

    /// <summary>
    /// Polls what the person sees of the last answer until the status says it is done (or failed), keeping every
    /// distinct text shown on the way; returns them and the final status.
    /// </summary>
    private static async Task<(List<string> Seen, string Status)> WatchAnswerAsync(ChromiumPage page)
    {
        var seen = new List<string>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var status = await page.TextOfAsync("#status");
            var text = await page.TextOfAsync($"{LastAnswer} .text");
            if (seen.Count == 0 || seen[^1] != text)
            {
                seen.Add(text);
            }

            var finished = (await page.EvaluateAsync("!document.querySelector('#send').disabled")).GetBoolean();
            if (finished && (status.StartsWith("Done", StringComparison.Ordinal) || status.Length > 0 && status != "Answering…" && status != "Thinking…" && status != "Waiting for the answer…"))
            {
                return (seen, status);
            }

            Assert.True(watch.Elapsed < AnswerTimeout, $"the answer did not finish in time; seen: {string.Join(" | ", seen)}; status '{status}'");
            await Task.Delay(25);
        }
    }

    /// <summary>With QIANFAN_E2E_SCREENSHOTS set to a folder, saves what the page looks like there, to check it by eye.</summary>
    private static async Task ScreenshotIfAskedAsync(ChromiumPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("QIANFAN_E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(Path.Combine(folder, $"qianfan-aspnet-sample-{name}.png"));
        }
    }
}
