using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.DependencyInjection;
using Qianfan.Sdk.Zhipu.Images;
using Qianfan.Sdk.Zhipu.Tests.TestSupport;

namespace Qianfan.Sdk.Zhipu.Tests.Configuration;

/// <summary><c>AddZhipu</c>: settings and key from configuration, validated at start-up; one client and its areas per registration.</summary>
public sealed class AddZhipuTests
{
    [Fact]
    public async Task FromConfiguration_TheClientHasTheSectionsKeyAndSettings()
    {
        using var fake = new FakeZhipu();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zhipu:ApiKey"] = "12345678.abcdefg",
            ["Zhipu:BaseUrl"] = FakeZhipu.BaseUrl,
            ["Zhipu:Authentication"] = "Jwt",
            ["Zhipu:Retry:MaxRetries"] = "0",
            ["Zhipu:TaskPolling:Interval"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddZhipu(configuration.GetSection("Zhipu")).HttpClient.ConfigurePrimaryHttpMessageHandler(() => fake.Mock);
        services.AddSingleton<TimeProvider>(fake.Time);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ZhipuClient>();
        await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } });

        Assert.Equal(new Uri(FakeZhipu.BaseUrl), client.BaseUrl);
        Assert.Equal(3, Assert.Single(fake.Requests).Bearer!.Split('.').Length);
        Assert.Same(client.Chat, provider.GetRequiredService<ChatCompletionsClient>());
        Assert.Same(client.AsyncChat, provider.GetRequiredService<AsyncChatClient>());
        Assert.Same(client.Images, provider.GetRequiredService<ImagesClient>());
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().CurrentValue.TaskPolling.Interval);
    }

    [Fact]
    public void NamedRegistrations_AreKeyedClientsOfTheirOwn()
    {
        var services = new ServiceCollection();
        services.AddZhipu("china", c => c.ApiKey = "cn.key");
        services.AddZhipu("world", c => c.ApiKey = "intl.key", o => o.Region = ZhipuRegion.International);
        using var provider = services.BuildServiceProvider();

        var china = provider.GetRequiredKeyedService<ZhipuClient>("china");
        var world = provider.GetRequiredKeyedService<ZhipuClient>("world");

        Assert.Equal(new Uri(ZhipuOptions.ChinaBaseUrl), china.BaseUrl);
        Assert.Equal(new Uri(ZhipuOptions.InternationalBaseUrl), world.BaseUrl);
        Assert.Same(world.Chat, provider.GetRequiredKeyedService<ChatCompletionsClient>("world"));
        Assert.NotSame(china, world);
    }

    [Fact]
    public void MissingKey_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddZhipu("nokey", new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ZhipuCredentials>>().Get("nokey"));

        Assert.Contains("Zhipu:ApiKey", error.Message, StringComparison.Ordinal);
    }
}
