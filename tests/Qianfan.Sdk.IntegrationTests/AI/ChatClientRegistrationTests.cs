using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.DependencyInjection;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>
/// The documented way into a container: <c>AddQianfan(…)</c>, then Microsoft.Extensions.AI's <c>AddChatClient</c> /
/// <c>AddKeyedChatClient</c> over the registered <see cref="QianfanClient"/>, with middleware from the builder they return.
/// </summary>
[Collection(nameof(EnvironmentVariableTests))]
public sealed class ChatClientRegistrationTests
{
    [Fact]
    public async Task AddChatClient_OverTheRegisteredQianfanClient_ResolvesAWorkingIChatClient_WithItsMiddleware()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var services = new ServiceCollection();
        AddEmulatorQianfan(services, emulator);
        services.AddChatClient(sp => sp.GetRequiredService<QianfanClient>().AsIChatClient("ernie-4.5-turbo-128k"))
            .UseFunctionInvocation();
        await using var provider = services.BuildServiceProvider();
        var (weather, time, calls) = AIHarness.WeatherAndTime();

        var chat = provider.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("北京的天气和时间", new ChatOptions { Tools = [weather, time] });

        Assert.Equal(2, calls.Count);
        Assert.Contains("返回的结果是", response.Text, StringComparison.Ordinal);
        Assert.NotNull(chat.GetService<FunctionInvokingChatClient>());
        Assert.Same(provider.GetRequiredService<QianfanClient>(), chat.GetService<QianfanClient>());
        Assert.Equal("ernie-4.5-turbo-128k", chat.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task AddKeyedChatClient_GivesOneClientPerModel_V1AndV2_OverOneQianfanClient()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var services = new ServiceCollection();
        AddEmulatorQianfan(services, emulator);
        services.AddKeyedChatClient("thinking", sp => sp.GetRequiredService<QianfanClient>().AsIChatClient("ernie-x1.1"));
        services.AddKeyedChatClient("speed", sp => sp.GetRequiredService<QianfanClient>().Chat.AsIChatClient("ERNIE-Speed-8K"));
        await using var provider = services.BuildServiceProvider();

        var thinking = provider.GetRequiredKeyedService<IChatClient>("thinking");
        var speed = provider.GetRequiredKeyedService<IChatClient>("speed");
        var thought = await thinking.GetResponseAsync("你好");
        var fast = await speed.GetResponseAsync("你好");

        Assert.Contains(thought.Messages[0].Contents, c => c is TextReasoningContent);
        Assert.Equal(AIHarness.Reply("你好"), fast.Text);
        Assert.Equal("ernie-x1.1", Assert.Single(emulator.Requests, r => r.IsV2Chat).Json().GetProperty("model").GetString());
        Assert.Equal("ernie_speed", Assert.Single(emulator.Requests, r => r.IsChat).Endpoint);
        Assert.Same(thinking.GetService<QianfanClient>(), speed.GetService<QianfanClient>());
        Assert.Null(provider.GetService<IChatClient>());
    }

    private static void AddEmulatorQianfan(IServiceCollection services, QianfanEmulator emulator) =>
        services.AddQianfan(
            c =>
            {
                c.ApiKey = emulator.ApiKey;
                c.SecretKey = emulator.SecretKey;
                c.V2ApiKey = emulator.V2ApiKey;
            },
            o =>
            {
                o.BaseUrl = emulator.BaseUri;
                o.V2BaseUrl = emulator.BaseUri;
            });
}
