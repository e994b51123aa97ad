using System.Diagnostics;

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
        await page.WaitUntilAsync("document.querySelector('#send') !== null", TimeSpan.FromSeconds(10));
        return page;
    }
}

/// <summary>End to end in a real browser: a person types a message, clicks Send and watches the answer grow.</summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_answer_streams_into_the_page_and_grows_as_it_arrives()
    {
        const string message = "1加1为什么等于2?";
        var expected = ChatApiTests.ExpectedReply(message);
        var page = await fixture.OpenSampleAsync();

        var seen = new List<string>();
        string status;
        var hold = fixture.Service.Emulator.Scenarios.HoldNextStreamAfterFirstChunk();
        try
        {
            await page.TypeAsync("#message", message);
            await page.ClickAsync("#send");

            // The service sends its first piece and then holds the rest back: the page already shows that piece.
            await page.WaitUntilAsync("document.querySelector('#answer').textContent.length > 0", AnswerTimeout);
            seen.Add(await page.TextOfAsync("#answer"));
            Assert.False(hold.IsReleased);
            await ScreenshotIfAskedAsync(page, "growing");
            hold.Release();

            // Then the rest arrives piece by piece (the emulator pauses between them): poll what the person sees until
            // the answer is done, keeping every distinct text shown on the way.
            var watch = Stopwatch.StartNew();
            while (true)
            {
                status = await page.TextOfAsync("#status");
                var text = await page.TextOfAsync("#answer");
                if (seen[^1] != text)
                {
                    seen.Add(text);
                }

                if (status.StartsWith("Done", StringComparison.Ordinal) || watch.Elapsed > AnswerTimeout)
                {
                    break;
                }

                await Task.Delay(25);
            }
        }
        finally
        {
            hold.Release();
        }

        var shown = string.Join(" | ", seen.Select(s => $"'{s}'"));
        Assert.True(seen[^1] == expected, $"the page shows '{seen[^1]}' (status '{status}'), expected '{expected}'; seen: {shown}");
        Assert.Contains(message, seen[^1], StringComparison.Ordinal);
        Assert.True(
            seen.Any(text => text.Length > 0 && text.Length < expected.Length && expected.StartsWith(text, StringComparison.Ordinal)),
            $"the answer never showed as a part of itself, so it did not grow as it streamed; seen: {shown}");
        Assert.Matches(@"^Done · \d+ tokens$", status);
        await page.WaitUntilAsync("!document.querySelector('#send').disabled", AnswerTimeout);

        await ScreenshotIfAskedAsync(page, "answer");
    }

    [Fact]
    public async Task An_empty_message_shows_the_servers_validation_error()
    {
        var page = await fixture.OpenSampleAsync();

        await page.ClickAsync("#send");

        await page.WaitUntilAsync("document.querySelector('#status').classList.contains('error')", AnswerTimeout);
        Assert.Equal("message must not be empty.", await page.TextOfAsync("#status"));
        Assert.Equal("", await page.TextOfAsync("#answer"));
    }

    [Fact]
    public async Task A_service_error_shows_its_code_on_the_page()
    {
        var page = await fixture.OpenSampleAsync();
        fixture.Service.Emulator.Scenarios.FailNextChatCalls(1, 336003, "the emulated service refused this call");

        await page.TypeAsync("#message", "你好");
        await page.ClickAsync("#send");

        await page.WaitUntilAsync("document.querySelector('#status').classList.contains('error')", AnswerTimeout);
        Assert.Equal("the emulated service refused this call (error 336003)", await page.TextOfAsync("#status"));
        Assert.Equal("", await page.TextOfAsync("#answer"));
        await ScreenshotIfAskedAsync(page, "service-error");
    }

    [Fact]
    public async Task An_answer_cut_short_keeps_what_arrived_and_says_it_broke_off()
    {
        var page = await fixture.OpenSampleAsync();
        fixture.Service.Emulator.Scenarios.CutNextStreams(1, afterSentences: 2);

        await page.TypeAsync("#message", "断流");
        await page.ClickAsync("#send");

        await page.WaitUntilAsync("document.querySelector('#status').classList.contains('error')", AnswerTimeout);
        Assert.StartsWith("The answer broke off: ", await page.TextOfAsync("#status"), StringComparison.Ordinal);
        Assert.Equal("这是千帆模拟器的回答。你说的是：断流。", await page.TextOfAsync("#answer"));
        await ScreenshotIfAskedAsync(page, "cut-short");
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
