using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.DependencyInjection;
using Qianfan.Sdk.Zhipu.Images;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary><c>AddZhipu</c>: settings and key from configuration, validated at start-up; one client and its areas per registration.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class AddZhipuTests
{
    [Fact]
    public async Task ConfiguredInCode_TheKeyAndBaseUrlComeFromTheOfficialVariables()
    {
        using var fake = new FakeZhipu();
        using var variables = new ZhipuVariables(("ZHIPUAI_API_KEY", "87654321.from-env"), ("ZHIPUAI_BASE_URL", "https://env.zhipu.test/api/paas/v4"));
        var services = new ServiceCollection();
        services.AddZhipu(_ => { }).HttpClient.ConfigurePrimaryHttpMessageHandler(() => fake.Service);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ChatCompletionsClient>().CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } });

        var sent = Assert.Single(fake.Requests);
        Assert.Equal("https://env.zhipu.test/api/paas/v4/chat/completions", sent.Uri.AbsoluteUri);
        Assert.Equal("87654321.from-env", sent.Bearer);
    }

    [Fact]
    public void Configuration_WinsOverTheVariables()
    {
        using var variables = new ZhipuVariables(("ZHIPUAI_API_KEY", "87654321.from-env"), ("ZHIPUAI_BASE_URL", "https://env.zhipu.test/api/paas/v4"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zhipu:ApiKey"] = "12345678.from-config",
            ["Zhipu:Region"] = "International",
            ["Zhipu:BaseUrl"] = null,
        }).Build();
        var services = new ServiceCollection();
        services.AddZhipu(configuration.GetSection("Zhipu"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal("12345678.from-config", provider.GetRequiredService<IOptionsMonitor<ZhipuCredentials>>().CurrentValue.ApiKey);
        Assert.Equal(ZhipuRegion.International, provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().CurrentValue.Region);
    }

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
        services.AddZhipu(configuration.GetSection("Zhipu")).HttpClient.ConfigurePrimaryHttpMessageHandler(() => fake.Service);
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

    /// <summary>Clears the ZHIPUAI_* variables, sets the given ones for one test, and puts all back afterwards.</summary>
    private sealed class ZhipuVariables : IDisposable
    {
        private static readonly string[] Names = ["ZHIPUAI_API_KEY", "ZHIPUAI_BASE_URL"];
        private readonly Dictionary<string, string?> _saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);

        public ZhipuVariables(params (string Name, string? Value)[] values)
        {
            foreach (var name in Names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
