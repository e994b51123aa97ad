using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.IntegrationTests.DependencyInjection;
using Qianfan.Sdk.IntegrationTests.Resilience;

namespace Qianfan.Sdk.IntegrationTests.Diagnostics;

public sealed partial class SecretRedactionTests
{
    private const string ApiKey = "redaction-api-key-6f1c";
    private const string SecretKey = "redaction-secret-key-93ab";

    [Fact]
    public async Task TraceLevelLogsOfAFullRun_ContainNoSecret()
    {
        await using var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = ApiKey, SecretKey = SecretKey });
        var logs = new CapturingLoggerProvider();
        var spy = new TokenSpy();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddQianfan(o =>
        {
            o.BaseUrl = emulator.BaseUri;
            o.ApiKey = ApiKey;
            o.SecretKey = SecretKey;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
        }).AddHttpMessageHandler(() => spy);
        services.AddQianfan("wrong", o =>
        {
            o.BaseUrl = emulator.BaseUri;
            o.ApiKey = ApiKey;
            o.SecretKey = "wrong-secret-key-77de";
        });
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<ChatClient>();
        var request = new ChatRequest { Messages = { ChatMessage.User("日志里不能有密钥") } };

        await chat.CompleteAsync(request);
        emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.InvalidParam);
        await Assert.ThrowsAsync<QianfanException>(() => chat.CompleteAsync(request));
        emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.ServerHighLoad);
        await chat.CompleteAsync(request);
        emulator.Scenarios.ExpireAllTokens();
        await chat.StreamAsync(request).ToListAsync();
        emulator.Scenarios.CutNextStreams(1, 1);
        await Assert.ThrowsAsync<QianfanStreamEndedException>(async () => await chat.StreamAsync(request).ToListAsync());
        await Assert.ThrowsAsync<QianfanAuthenticationException>(() => provider.GetRequiredKeyedService<ChatClient>("wrong").CompleteAsync(request));

        var tokens = spy.AccessTokens.Distinct().ToList();
        Assert.Equal(2, tokens.Count); // the first token and the one issued after ExpireAllTokens
        var lines = logs.Lines.Select(l => l.Message).ToList();
        Assert.Contains(lines, l => l.Contains("Retrying chat/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Sending HTTP request", StringComparison.Ordinal) || l.StartsWith("Start processing HTTP request", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.DoesNotContain(SecretKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret-key-77de", line, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, line, StringComparison.Ordinal);
            Assert.All(tokens, token => Assert.DoesNotContain(token, line, StringComparison.Ordinal));
            Assert.DoesNotMatch(SecretInQuery(), line);
        }
    }

    [GeneratedRegex("(access_token|client_secret|client_id)=[^*&\\s]", RegexOptions.IgnoreCase)]
    private static partial Regex SecretInQuery();
}
