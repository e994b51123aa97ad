using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Zhipu;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// One emulator on an OS-chosen loopback port, a <see cref="ZhipuClient"/> pointed at its Zhipu routes (retries with no
/// delay, so scenarios that fail once are repeated at once) and a raw HttpClient for speaking the wire directly.
/// </summary>
internal sealed class ZhipuSession : IAsyncDisposable
{
    public const string ChatPath = "/api/paas/v4/chat/completions";

    private readonly HttpClient _clientHttp;

    private ZhipuSession(QianfanEmulator emulator, ZhipuClient client, AuthorizationRecorder sent, HttpClient clientHttp)
    {
        Emulator = emulator;
        Client = client;
        Sent = sent;
        _clientHttp = clientHttp;
        Http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public QianfanEmulator Emulator { get; }

    public ZhipuClient Client { get; }

    public HttpClient Http { get; }

    /// <summary>The credentials the client sent, as it sent them.</summary>
    public AuthorizationRecorder Sent { get; }

    public ZhipuScenarios Scenarios => Emulator.Scenarios.Zhipu;

    public static async Task<ZhipuSession> StartAsync(QianfanEmulatorOptions? options = null, Action<ZhipuOptions>? configure = null, TimeProvider? time = null)
    {
        var emulator = await QianfanEmulator.StartAsync(options ?? new QianfanEmulatorOptions());
        var settings = new ZhipuOptions { BaseUrl = emulator.ZhipuBaseUri };
        settings.Retry.BaseDelay = TimeSpan.Zero;
        configure?.Invoke(settings);
        var sent = new AuthorizationRecorder();
        var http = new HttpClient(sent) { Timeout = Timeout.InfiniteTimeSpan };
        return new ZhipuSession(emulator, new ZhipuClient(new ZhipuCredentials { ApiKey = emulator.ZhipuApiKey }, settings, http, timeProvider: time), sent, http);
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> with the key (or <paramref name="credential"/>) as the bearer.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string? credential = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential ?? Emulator.ZhipuApiKey);
        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Client.Dispose();
        _clientHttp.Dispose();
        await Emulator.DisposeAsync();
    }
}
