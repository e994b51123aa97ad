using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>
/// The sample with credentials that do not fit the call: none for V1 (only a V2 key given), or a Secret Key the
/// service refuses. Each call answers a problem that names the settings to fix, never a bare 500; the start-up log
/// says which areas the credentials serve.
/// </summary>
public sealed class CredentialProblemTests : IAsyncLifetime
{
    private QianfanEmulator _emulator = null!;
    private SampleApp _v2Only = null!;
    private SampleApp _wrongSecret = null!;

    public async Task InitializeAsync()
    {
        _emulator = await QianfanEmulator.StartAsync();
        _v2Only = await SampleApp.StartAsync(new Dictionary<string, string>
        {
            ["Qianfan__BaseUrl"] = _emulator.BaseUrl,
            ["Qianfan__V2BaseUrl"] = _emulator.BaseUrl,
            ["Qianfan__V2ApiKey"] = _emulator.V2ApiKey,
        });
        var wrong = SampleApp.EnvironmentFor(_emulator);
        wrong["Qianfan__SecretKey"] = "a-secret-key-the-service-refuses";
        _wrongSecret = await SampleApp.StartAsync(wrong);
    }

    public async Task DisposeAsync()
    {
        await _v2Only.DisposeAsync();
        await _wrongSecret.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData("api/chat")]
    [InlineData("api/chat/stream")]
    public async Task NoCredentialsForTheCall_IsA503Problem_NamingTheSettingsToGive(string path)
    {
        using var response = await ServerSentEventReader.PostAsync(_v2Only.Http, path, """{"message":"你好"}""");

        await _v2Only.AssertStatusAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("This app has no Qianfan credentials for this call.", problem.GetProperty("title").GetString());
        Assert.Equal("missing_credentials", problem.GetProperty("errorCode").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.StartsWith("V1 calls need QIANFAN_AK and QIANFAN_SK", detail, StringComparison.Ordinal);
        Assert.Contains("Qianfan:ApiKey and Qianfan:SecretKey", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Requests, r => r.IsChat);
    }

    [Fact]
    public async Task RefusedCredentials_AreA502Problem_NamingTheSettingsToCheck_WithoutTheSecret()
    {
        using var response = await _wrongSecret.Http.PostAsJsonAsync("api/chat", new { message = "你好" });

        await _wrongSecret.AssertStatusAsync(response, HttpStatusCode.BadGateway);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("The Qianfan service refused this app's credentials.", problem.GetProperty("title").GetString());
        Assert.Equal("invalid_client", problem.GetProperty("errorCode").GetString());
        Assert.Contains("Qianfan:ApiKey and Qianfan:SecretKey", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-key-the-service-refuses", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-key-the-service-refuses", _wrongSecret.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_LogsWhichAreasTheCredentialsServe()
    {
        await _v2Only.WaitForOutputAsync("Qianfan client ready: V1 (chat, completions, embeddings, rerank, images, tokenizer): not configured (set QIANFAN_AK");
        await _wrongSecret.WaitForOutputAsync("Qianfan client ready: V1 (chat, completions, embeddings, rerank, images, tokenizer): access tokens exchanged with the application's keys");

        Assert.Contains("V2 (chat completions, embeddings, rerank, images, models): the V2 API key", _v2Only.Output, StringComparison.Ordinal);
    }
}
