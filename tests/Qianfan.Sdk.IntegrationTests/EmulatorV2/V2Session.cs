using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>
/// One emulator on an OS-chosen loopback port plus a raw HttpClient: the tests speak the V2 and IAM wire protocols
/// directly, signing with the SDK's own <see cref="BceSigner"/>.
/// </summary>
internal sealed class V2Session : IAsyncDisposable
{
    public const string ChatPath = "/v2/chat/completions";
    public const string BearerPath = "/v1/BCE-BEARER/token";
    public const string Model = "ernie-lite-8k";

    private V2Session(QianfanEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public QianfanEmulator Emulator { get; }

    public HttpClient Http { get; }

    public EmulatorScenarios Scenarios => Emulator.Scenarios;

    /// <summary>A clock the test moves by hand, starting at 2026-03-01T08:30:15Z (the dates the tests expect count from it).</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 1, 8, 30, 15, TimeSpan.Zero));

    public static async Task<V2Session> StartAsync(QianfanEmulatorOptions? options = null) =>
        new(await QianfanEmulator.StartAsync(options ?? new QianfanEmulatorOptions(), CancellationToken.None));

    /// <summary>A body with one user message, plus any extra top-level JSON members (starting with a comma).</summary>
    public static string UserBody(string content, string extra = "", string model = Model) =>
        $$"""{"model":{{JsonSerializer.Serialize(model)}},"messages":[{"role":"user","content":{{JsonSerializer.Serialize(content)}}}]{{extra}}}""";

    /// <summary>Posts a V2 chat body with the given bearer key (the emulator's API Key by default; null sends none).</summary>
    public Task<HttpResponseMessage> PostChatAsync(string body, string? key = "", HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ChatPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Length == 0 ? Emulator.V2ApiKey : key);
        }

        return SendAndDisposeAsync(request, completion);
    }

    /// <summary>Posts a body and reads the JSON answer, asserting the HTTP status.</summary>
    public async Task<JsonElement> ChatAsync(string body, HttpStatusCode expected = HttpStatusCode.OK, string? key = "")
    {
        using var response = await PostChatAsync(body, key);
        var json = await ReadJsonAsync(response);
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    /// <summary>Posts a stream body and returns every <c>data:</c> payload as sent, <c>[DONE]</c> included.</summary>
    public async Task<List<string>> StreamAsync(string body, string? key = "")
    {
        using var response = await PostChatAsync(body, key, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return ParseEvents(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Splits an event-stream text into its <c>data:</c> payloads, asserting the framing.</summary>
    public static List<string> ParseEvents(string text)
    {
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = text[..^2].Split("\n\n");
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        return [.. events.Select(e => e["data: ".Length..])];
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Asserts the V2 error body: exactly <c>error</c> {code, message, type} and an <c>as-</c> id.</summary>
    public static void AssertError(JsonElement body, string code, string type, string? message = null)
    {
        Assert.Equal(["error", "id"], body.EnumerateObject().Select(p => p.Name));
        var error = body.GetProperty("error");
        Assert.Equal(["code", "message", "type"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("message").GetString());
        }

        Assert.Matches("^as-[a-z0-9]{10}$", body.GetProperty("id").GetString());
    }

    /// <summary>A bearer-token request signed with <c>bce-auth-v1</c> (host and x-bce-date signed, 300 s expiry).</summary>
    public HttpRequestMessage SignedTokenRequest(
        string? expireInSeconds = "3600",
        string? accessKey = null,
        string? secretKey = null,
        DateTimeOffset? at = null,
        HttpMethod? method = null)
    {
        method ??= HttpMethod.Get;
        var timestamp = at ?? DateTimeOffset.UtcNow;
        var date = BceSigner.FormatTimestamp(timestamp);
        var host = $"{Emulator.BaseUri.Host}:{Emulator.BaseUri.Port}";
        KeyValuePair<string, string?>[] query = expireInSeconds is null ? [] : [new("expireInSeconds", expireInSeconds)];
        var authorization = BceSigner.Sign(
            accessKey ?? Emulator.IamAccessKey,
            secretKey ?? Emulator.IamSecretKey,
            method,
            BearerPath,
            query,
            [new("host", host), new("x-bce-date", date)],
            timestamp,
            300);

        var uri = expireInSeconds is null ? BearerPath : $"{BearerPath}?expireInSeconds={Uri.EscapeDataString(expireInSeconds)}";
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("x-bce-date", date);
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        return request;
    }

    /// <summary>Issues a bearer token over HTTP and returns the success body.</summary>
    public async Task<JsonElement> IssueBearerTokenAsync(string? expireInSeconds = "3600", DateTimeOffset? at = null)
    {
        using var request = SignedTokenRequest(expireInSeconds, at: at);
        using var response = await Http.SendAsync(request);
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpRequestMessage request, HttpCompletionOption completion)
    {
        using (request)
        {
            return await Http.SendAsync(request, completion);
        }
    }
}
