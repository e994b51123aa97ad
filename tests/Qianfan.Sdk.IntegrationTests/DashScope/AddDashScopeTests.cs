using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.DependencyInjection;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.DashScope.Images;
using Qianfan.Sdk.DashScope.Tasks;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.DependencyInjection;

namespace Qianfan.Sdk.IntegrationTests.DashScope;

/// <summary>
/// <c>AddDashScope</c>: settings and the key from configuration over the <c>DASHSCOPE_*</c> variables, validated at
/// start-up; the area clients as the registration's client's own; a named registration for a second region.
/// </summary>
[Collection(nameof(EnvironmentVariableTests))]
public sealed class AddDashScopeTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task AConfigurationSection_IsBound_AndTheClientGenerates()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var configuration = Configuration(
            ("DashScope:ApiKey", emulator.DashScopeApiKey),
            ("DashScope:BaseUrl", emulator.DashScopeBaseUri.AbsoluteUri),
            ("DashScope:Region", "International"),
            ("DashScope:Timeout", "00:00:30"),
            ("DashScope:Retry:MaxRetries", "5"),
            ("DashScope:TaskPolling:Interval", "00:00:00.500"));
        var services = new ServiceCollection();
        services.AddDashScope(configuration.GetSection("DashScope"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<DashScopeOptions>>().CurrentValue;
        var reply = await provider.GetRequiredService<GenerationClient>().CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "来自配置" });

        Assert.Equal((DashScopeRegion.International, TimeSpan.FromSeconds(30), 5, TimeSpan.FromMilliseconds(500)), (options.Region, options.Timeout, options.Retry.MaxRetries, options.TaskPolling.Interval));
        Assert.Contains("来自配置", reply.Text, StringComparison.Ordinal);
        var client = provider.GetRequiredService<DashScopeClient>();
        Assert.Same(client.Generation, provider.GetRequiredService<GenerationClient>());
        Assert.Same(client.Images, provider.GetRequiredService<ImageSynthesisClient>());
        Assert.Same(client.Tasks, provider.GetRequiredService<TasksClient>());
    }

    [Fact]
    public async Task TheEnvironment_GivesTheKeyAndHost_WhenConfiguredInCode()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        using var variables = new EnvironmentVariables(("DASHSCOPE_API_KEY", emulator.DashScopeApiKey), ("DASHSCOPE_HTTP_BASE_URL", emulator.DashScopeBaseUri.AbsoluteUri), ("DASHSCOPE_REGION", null));
        var services = new ServiceCollection();
        services.AddDashScope(_ => { });
        await using var provider = services.BuildServiceProvider();

        var reply = await provider.GetRequiredService<DashScopeClient>().Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "来自环境" });

        Assert.Contains("来自环境", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingKey_FailsAtResolution_NamingTheSetting()
    {
        using var variables = new EnvironmentVariables(("DASHSCOPE_API_KEY", null));
        var services = new ServiceCollection();
        services.AddDashScope(Configuration(("DashScope:Region", "China")).GetSection("DashScope"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<DashScopeClient>());

        Assert.Contains("DASHSCOPE_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANamedRegistration_IsASecondClient_WithItsOwnRegion()
    {
        using var variables = new EnvironmentVariables(("DASHSCOPE_API_KEY", "sk-china"), ("DASHSCOPE_HTTP_BASE_URL", null), ("DASHSCOPE_REGION", null));
        var services = new ServiceCollection();
        services.AddDashScope(_ => { });
        services.AddDashScope("intl", c => c.ApiKey = "sk-intl", o => o.Region = DashScopeRegion.International);
        await using var provider = services.BuildServiceProvider();

        var china = provider.GetRequiredService<DashScopeClient>();
        var intl = provider.GetRequiredKeyedService<DashScopeClient>("intl");

        Assert.Equal(("dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com"), (china.BaseUrl.Host, intl.BaseUrl.Host));
        Assert.Same(intl.Generation, provider.GetRequiredKeyedService<GenerationClient>("intl"));
    }
}
