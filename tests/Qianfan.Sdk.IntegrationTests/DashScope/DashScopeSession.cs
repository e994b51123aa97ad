using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.DashScope;

/// <summary>
/// One emulator on an OS-chosen loopback port, a <see cref="DashScopeClient"/> pointed at its DashScope routes (retries
/// with no delay, so scenarios that fail once are repeated at once) and a raw HttpClient for speaking the wire directly.
/// </summary>
internal sealed class DashScopeSession : IAsyncDisposable
{
    public const string GenerationPath = "/api/v1/services/aigc/text-generation/generation";
    public const string ImageSynthesisPath = "/api/v1/services/aigc/text2image/image-synthesis";

    private DashScopeSession(QianfanEmulator emulator, DashScopeClient client)
    {
        Emulator = emulator;
        Client = client;
        Http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public QianfanEmulator Emulator { get; }

    public DashScopeClient Client { get; }

    public HttpClient Http { get; }

    public DashScopeScenarios Scenarios => Emulator.Scenarios.DashScope;

    public static async Task<DashScopeSession> StartAsync(QianfanEmulatorOptions? options = null, Action<DashScopeOptions>? configure = null, TimeProvider? time = null)
    {
        var emulator = await QianfanEmulator.StartAsync(options ?? new QianfanEmulatorOptions());
        var settings = new DashScopeOptions { BaseUrl = emulator.DashScopeBaseUri };
        settings.Retry.BaseDelay = TimeSpan.Zero;
        configure?.Invoke(settings);
        return new DashScopeSession(emulator, new DashScopeClient(new DashScopeCredentials { ApiKey = emulator.DashScopeApiKey }, settings, timeProvider: time));
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> with the key (or <paramref name="key"/>) and the given headers.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string? key = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? Emulator.DashScopeApiKey);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

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
        await Emulator.DisposeAsync();
    }
}
