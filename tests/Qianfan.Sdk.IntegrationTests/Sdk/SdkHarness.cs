using System.Collections.Concurrent;
using System.Text.Json;
using System.Web;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>Helpers shared by the SDK-against-emulator tests.</summary>
internal static class SdkHarness
{
    /// <summary>Generous bound for anything that should happen "at once" on loopback.</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    public static Task<QianfanEmulator> StartEmulatorAsync(QianfanEmulatorOptions? options = null) =>
        QianfanEmulator.StartAsync(options ?? new QianfanEmulatorOptions(), CancellationToken.None);

    /// <summary>The application keys of <paramref name="emulator"/>, exchanged for V1 access tokens.</summary>
    public static QianfanCredentials Credentials(QianfanEmulator emulator) => new()
    {
        ApiKey = emulator.ApiKey,
        SecretKey = emulator.SecretKey,
    };

    /// <summary>Options pointing at <paramref name="emulator"/>.</summary>
    /// <param name="emulator">The emulator to talk to.</param>
    /// <param name="singleAttempt">True for tests that assert how one failed attempt is mapped: no retries.</param>
    public static QianfanOptions Options(QianfanEmulator emulator, bool singleAttempt = false)
    {
        var options = new QianfanOptions { BaseUrl = emulator.BaseUri };
        if (singleAttempt)
        {
            options.Retry = new RetryOptions { MaxRetries = 0 };
        }

        return options;
    }

    public static QianfanClient Client(QianfanEmulator emulator, bool singleAttempt = false) =>
        new(Credentials(emulator), Options(emulator, singleAttempt));

    /// <summary>A client for <paramref name="emulator"/>'s V2 API (<c>/v2/chat/completions</c>) with its V2 API key.</summary>
    public static QianfanClient V2Client(QianfanEmulator emulator, bool singleAttempt = false)
    {
        var options = Options(emulator, singleAttempt);
        options.V2BaseUrl = emulator.BaseUri;
        return new QianfanClient(new QianfanCredentials { V2ApiKey = emulator.V2ApiKey }, options);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="Soon"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(10);
        }
    }

    public static ChatRequest Ask(string message, string? model = null)
    {
        var request = model is null ? new ChatRequest() : new ChatRequest(model);
        request.Messages.Add(ChatMessage.User(message));
        return request;
    }

    public static ChatCompletionRequest AskV2(string message, string model = "ernie-lite-8k") =>
        new(model) { Messages = { ChatMessage.User(message) } };

    /// <summary>The emulator's built-in reply to <paramref name="message"/> (it quotes the last user message).</summary>
    public static string DefaultReply(string message) => $"这是千帆模拟器的回答。你说的是：{message}。祝你一切顺利！";

    public static List<RecordedRequest> ChatRequests(this QianfanEmulator emulator) => [.. emulator.Requests.Where(r => r.IsChat)];

    public static List<RecordedRequest> V2ChatRequests(this QianfanEmulator emulator) => [.. emulator.Requests.Where(r => r.IsV2Chat)];

    public static List<RecordedRequest> TokenRequests(this QianfanEmulator emulator) => [.. emulator.Requests.Where(r => r.IsTokenRequest)];

    public static JsonElement Json(this RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    public static List<string> PropertyNames(this JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>The messages of a recorded chat body as (role, content) pairs.</summary>
    public static List<(string Role, string Content)> Messages(this RecordedRequest request) =>
        [.. request.Json().GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!))];

    public static async Task<List<ChatChunk>> ToListAsync(this IAsyncEnumerable<ChatChunk> chunks)
    {
        var list = new List<ChatChunk>();
        await foreach (var chunk in chunks)
        {
            list.Add(chunk);
        }

        return list;
    }
}

/// <summary>
/// Passes requests on unchanged and remembers the <c>access_token</c> each chat call carried (the emulator's
/// recording masks it), so a test can tell which token a call used.
/// </summary>
internal sealed class TokenCapturingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string?> _chatTokens = new();

    public TokenCapturingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>The access token of each chat call, in the order sent.</summary>
    public IReadOnlyList<string?> ChatTokens => [.. _chatTokens];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.Contains("/wenxinworkshop/chat/", StringComparison.Ordinal))
        {
            _chatTokens.Enqueue(HttpUtility.ParseQueryString(uri.Query)["access_token"]);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
