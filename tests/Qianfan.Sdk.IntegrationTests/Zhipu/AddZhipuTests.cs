using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.DependencyInjection;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.DependencyInjection;
using Qianfan.Sdk.Zhipu.Images;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// <c>AddZhipu</c> against the emulator: settings and the key from configuration over the <c>ZHIPUAI_*</c> variables,
/// validated at start-up; the area clients as the registration's client's own; a named registration for a second key.
/// </summary>
[Collection(nameof(EnvironmentVariableTests))]
public sealed class AddZhipuTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ChatCompletionRequest Ask(string text) => new("glm-4") { Messages = { ChatMessage.User(text) } };

    [Fact]
    public async Task AConfigurationSection_IsBound_AndTheClientChats_WithAJwt()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var configuration = Configuration(
            ("Zhipu:ApiKey", emulator.ZhipuApiKey),
            ("Zhipu:BaseUrl", emulator.ZhipuBaseUri.AbsoluteUri),
            ("Zhipu:Authentication", "Jwt"),
            ("Zhipu:Timeout", "00:00:30"),
            ("Zhipu:Retry:MaxRetries", "5"),
            ("Zhipu:TaskPolling:Interval", "00:00:00.500"));
        var services = new ServiceCollection();
        var sent = new AuthorizationRecorder(new HttpClientHandler());
        services.AddZhipu(configuration.GetSection("Zhipu")).HttpClient.ConfigurePrimaryHttpMessageHandler(() => sent);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().CurrentValue;
        var reply = await provider.GetRequiredService<ChatCompletionsClient>().CompleteAsync(Ask("来自配置"));

        Assert.Equal((ZhipuAuthentication.Jwt, TimeSpan.FromSeconds(30), 5, TimeSpan.FromMilliseconds(500)), (options.Authentication, options.Timeout, options.Retry.MaxRetries, options.TaskPolling.Interval));
        Assert.Contains("来自配置", reply.Content, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(sent.Bearers).Split('.').Length);
        var client = provider.GetRequiredService<ZhipuClient>();
        Assert.Same(client.Chat, provider.GetRequiredService<ChatCompletionsClient>());
        Assert.Same(client.AsyncChat, provider.GetRequiredService<AsyncChatClient>());
        Assert.Same(client.Images, provider.GetRequiredService<ImagesClient>());
    }

    [Fact]
    public async Task TheEnvironment_GivesTheKeyAndHost_WhenConfiguredInCode()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        using var variables = new EnvironmentVariables(("ZHIPUAI_API_KEY", emulator.ZhipuApiKey), ("ZHIPUAI_BASE_URL", emulator.ZhipuBaseUri.AbsoluteUri));
        var services = new ServiceCollection();
        services.AddZhipu(_ => { });
        await using var provider = services.BuildServiceProvider();

        var reply = await provider.GetRequiredService<ZhipuClient>().Chat.CompleteAsync(Ask("来自环境"));

        Assert.Contains("来自环境", reply.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingKey_FailsAtResolution_NamingTheSetting()
    {
        using var variables = new EnvironmentVariables(("ZHIPUAI_API_KEY", null));
        var services = new ServiceCollection();
        services.AddZhipu(Configuration(("Zhipu:Region", "China")).GetSection("Zhipu"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ZhipuClient>());

        Assert.Contains("ZHIPUAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANamedRegistration_IsASecondClient_WithItsOwnKeyAndHost()
    {
        await using var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ZhipuApiKey = "second-id.second-secret" });
        using var variables = new EnvironmentVariables(("ZHIPUAI_API_KEY", "first-id.first-secret"), ("ZHIPUAI_BASE_URL", null));
        var services = new ServiceCollection();
        services.AddZhipu(_ => { });
        var sent = new AuthorizationRecorder(new HttpClientHandler());
        services.AddZhipu("second", c => c.ApiKey = "second-id.second-secret", o => o.BaseUrl = emulator.ZhipuBaseUri).HttpClient.ConfigurePrimaryHttpMessageHandler(() => sent);
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<ZhipuClient>();
        var second = provider.GetRequiredKeyedService<ZhipuClient>("second");
        var reply = await provider.GetRequiredKeyedService<ChatCompletionsClient>("second").CompleteAsync(Ask("第二个"));

        Assert.Equal(new Uri(ZhipuOptions.ChinaBaseUrl), first.BaseUrl);
        Assert.Equal(emulator.ZhipuBaseUri, second.BaseUrl);
        Assert.Contains("第二个", reply.Content, StringComparison.Ordinal);
        Assert.Equal(["Bearer second-id.second-secret"], sent.Sent);
    }
}
