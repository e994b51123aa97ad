using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>
/// One emulator on an OS-chosen loopback port plus a raw HttpClient pointed at it: the tests speak the wire
/// protocol directly, not through the SDK.
/// </summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    public const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";
    public const string DefaultEndpoint = "ernie-lite-8k";

    private EmulatorSession(QianfanEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public QianfanEmulator Emulator { get; }

    public HttpClient Http { get; }

    public EmulatorScenarios Scenarios => Emulator.Scenarios;

    public static async Task<EmulatorSession> StartAsync(QianfanEmulatorOptions? options = null) =>
        new(await QianfanEmulator.StartAsync(options ?? new QianfanEmulatorOptions(), CancellationToken.None));

    public static string UserBody(string content, string extra = "") =>
        $$"""{"messages":[{"role":"user","content":{{JsonSerializer.Serialize(content)}}}]{{extra}}}""";

    public static string StreamBody(string content) => UserBody(content, ""","stream":true""");

    public Task<HttpResponseMessage> RequestTokenAsync(string? apiKey = null, string? secretKey = null) =>
        Http.PostAsync(
            $"/oauth/2.0/token?grant_type=client_credentials&client_id={apiKey ?? Emulator.ApiKey}&client_secret={secretKey ?? Emulator.SecretKey}",
            content: null);

    public async Task<string> GetTokenAsync()
    {
        using var response = await RequestTokenAsync();
        response.EnsureSuccessStatusCode();
        var json = await ReadJsonAsync(response);
        return json.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> PostChatAsync(string body, string endpoint = DefaultEndpoint, string? token = null)
    {
        token ??= await GetTokenAsync();
        return await PostChatRawAsync(body, $"{ChatPath}{endpoint}?access_token={token}");
    }

    /// <summary>Posts a chat body and returns as soon as the headers arrive, so the body can be read as it streams.</summary>
    public async Task<HttpResponseMessage> PostChatStreamingAsync(string body, string endpoint = DefaultEndpoint, string? token = null)
    {
        token ??= await GetTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ChatPath}{endpoint}?access_token={token}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public Task<HttpResponseMessage> PostChatRawAsync(string body, string pathAndQuery) =>
        Http.PostAsync(pathAndQuery, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Posts a chat body and reads the JSON answer (an answer or an error body).</summary>
    public async Task<JsonElement> ChatAsync(string body, string endpoint = DefaultEndpoint, string? token = null)
    {
        using var response = await PostChatAsync(body, endpoint, token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Posts a stream request and reads every event until the connection ends.</summary>
    public async Task<List<JsonElement>> StreamAsync(string content, string endpoint = DefaultEndpoint, string? token = null)
    {
        using var response = await PostChatAsync(StreamBody(content), endpoint, token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await ReadEventsAsync(response);
    }

    public static async Task<List<JsonElement>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<JsonElement>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            using var document = JsonDocument.Parse(item.Data);
            events.Add(document.RootElement.Clone());
        }

        return events;
    }

    public static void AssertError(JsonElement body, int code, string? message = null)
    {
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(code, body.GetProperty("error_code").GetInt32());
        if (message is not null)
        {
            Assert.Equal(message, body.GetProperty("error_msg").GetString());
        }

        Assert.Equal(["error_code", "error_msg"], body.EnumerateObject().Select(p => p.Name));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
