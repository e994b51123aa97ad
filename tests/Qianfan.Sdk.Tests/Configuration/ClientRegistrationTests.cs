using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.DashScope.DependencyInjection;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Tests.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.DependencyInjection;

namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>
/// What Core's one registration gives every platform's named HttpClient: the SDK's handler (renewing connections,
/// not decompressing), no HttpClient timeout under the SDK's own, and no credential in IHttpClientFactory's logs
/// (its header logging redacts every value unless a registration narrows that; none may narrow it to Authorization).
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ClientRegistrationTests
{
    [Theory]
    [InlineData(QianfanServiceCollectionExtensions.HttpClientName)]
    [InlineData(ZhipuServiceCollectionExtensions.HttpClientName)]
    [InlineData(DashScopeServiceCollectionExtensions.HttpClientName)]
    public void TheNamedHttpClient_SendsThroughTheSdksHandler_WithoutATimeoutOfItsOwn(string name)
    {
        var services = new ServiceCollection();
        services.AddQianfan(c => c.V2ApiKey = "bce-v3/ALTAK-test/secret");
        services.AddZhipu(c => c.ApiKey = FakeZhipu.ApiKey);
        services.AddDashScope(c => c.ApiKey = "sk-test");
        using var provider = services.BuildServiceProvider();

        using var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        var primary = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(DecompressionMethods.None, primary.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromMinutes(5), primary.PooledConnectionLifetime);
    }

    [Fact]
    public async Task IHttpClientFactorysTraceLogs_ShowNoCredential()
    {
        using var fake = new FakeZhipu();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddZhipu(c => c.ApiKey = FakeZhipu.ApiKey, o => o.BaseUrl = new Uri(FakeZhipu.BaseUrl))
            .HttpClient.ConfigurePrimaryHttpMessageHandler(() => fake.Service);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ChatCompletionsClient>().CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } });

        var sent = Assert.Single(fake.Requests).Bearer;
        var headerLogs = logs.GetSnapshot().Where(r => r.Category?.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal) == true && r.Level == LogLevel.Trace).ToList();
        Assert.Contains(headerLogs, r => r.Message?.Contains("Authorization: *", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message?.Contains(sent!, StringComparison.Ordinal) == true);
    }
}
