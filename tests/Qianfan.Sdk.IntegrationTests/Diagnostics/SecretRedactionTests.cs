using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.IntegrationTests.DependencyInjection;

namespace Qianfan.Sdk.IntegrationTests.Diagnostics;

public sealed partial class SecretRedactionTests
{
    private const string ApiKey = "redaction-api-key-6f1c";
    private const string SecretKey = "redaction-secret-key-93ab";

    [Fact]
    public async Task TraceLevelLogsOfAFullRun_ContainNoSecret()
    {
        await using var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = ApiKey, SecretKey = SecretKey });
        var logs = new FakeLogCollector();
        var spy = new TokenSpy();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddQianfan(
            c =>
            {
                c.ApiKey = ApiKey;
                c.SecretKey = SecretKey;
            },
            o =>
            {
                o.BaseUrl = emulator.BaseUri;
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
            }).HttpClient.AddHttpMessageHandler(() => spy);
        services.AddQianfan(
            "wrong",
            c =>
            {
                c.ApiKey = ApiKey;
                c.SecretKey = "wrong-secret-key-77de";
            },
            o => o.BaseUrl = emulator.BaseUri);
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
        var lines = logs.GetSnapshot().Select(l => l.Message).ToList();
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

    [Fact]
    public async Task TraceLevelLogsOfIamAndV2Runs_ContainNoKeyTokenOrSignature()
    {
        const string iamAccessKey = "redaction-iam-ak-51c0";
        const string iamSecretKey = "redaction-iam-sk-e3d9";
        const string v2ApiKey = "bce-v3/ALTAK-redaction/v2-secret-0a7f";
        await using var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions
        {
            IamAccessKey = iamAccessKey,
            IamSecretKey = iamSecretKey,
            V2ApiKey = v2ApiKey,
        });
        var logs = new FakeLogCollector();
        var authorizations = new AuthorizationSpy();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddQianfan(
            c =>
            {
                c.IamAccessKey = iamAccessKey;
                c.IamSecretKey = iamSecretKey;
            },
            o =>
            {
                o.BaseUrl = emulator.BaseUri;
                o.V2BaseUrl = emulator.BaseUri;
                o.IamBaseUrl = emulator.BaseUri;
            }).HttpClient.AddHttpMessageHandler(() => authorizations);
        services.AddQianfan("v2key", c => c.V2ApiKey = v2ApiKey, o => o.V2BaseUrl = emulator.BaseUri);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<QianfanClient>();
        var v2Request = new ChatCompletionRequest("ernie-lite-8k") { Messages = { ChatMessage.User("日志里不能有密钥") } };

        await client.Chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User("签名") } });
        await client.Chat.StreamAsync(new ChatRequest { Messages = { ChatMessage.User("签名流式") } }).ToListAsync();
        await client.ChatCompletions.CompleteAsync(v2Request);
        await client.ChatCompletions.StreamAsync(v2Request).ToListAsync();
        await provider.GetRequiredKeyedService<QianfanClient>("v2key").ChatCompletions.CompleteAsync(v2Request);
        emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.InvalidParam);
        await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(v2Request));

        var sent = authorizations.Values.ToList();
        Assert.Contains(sent, a => a.StartsWith("bce-auth-v1/", StringComparison.Ordinal));
        Assert.Contains(sent, a => a.StartsWith("Bearer ", StringComparison.Ordinal));
        var lines = logs.GetSnapshot().Select(l => l.Message).ToList();
        Assert.Contains(lines, l => l.Contains("v2/chat/completions", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.DoesNotContain(iamSecretKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain(iamAccessKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain(v2ApiKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain("bce-auth-v1/", line, StringComparison.Ordinal);
            Assert.All(sent, value => Assert.DoesNotContain(value.Replace("Bearer ", "", StringComparison.Ordinal), line, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("(access_token|client_secret|client_id)=[^*&\\s]", RegexOptions.IgnoreCase)]
    private static partial Regex SecretInQuery();

    /// <summary>Keeps every Authorization value the SDK sent, to look for them in the logs.</summary>
    private sealed class AuthorizationSpy : DelegatingHandler
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Values { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.TryGetValues("Authorization", out var values))
            {
                foreach (var value in values)
                {
                    Values.Add(value);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
