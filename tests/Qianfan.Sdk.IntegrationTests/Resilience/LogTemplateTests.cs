using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using static Qianfan.Sdk.IntegrationTests.Resilience.ResilienceHarness;

namespace Qianfan.Sdk.IntegrationTests.Resilience;

/// <summary>What the client logs about its calls, under the category <c>Qianfan.Sdk.Chat</c>, with named fields.</summary>
public sealed class LogTemplateTests
{
    private const string Category = "Qianfan.Sdk.Chat";

    [Fact]
    public async Task AFailedCall_IsAWarningWithItsCodeAndMessage()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.InvalidParam, "参数无效");

        await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Chat.CompleteAsync(Ask("失败")));

        var failed = Assert.Single(Records(harness), r => r.Level == LogLevel.Warning);
        Assert.Equal("chat/ernie-lite-8k failed with error 336003: 参数无效", failed.Message);
        Assert.Equal("chat/ernie-lite-8k", failed.GetStructuredStateValue("Operation"));
        Assert.Equal("336003", failed.GetStructuredStateValue("ErrorCode"));
        Assert.Equal("参数无效", failed.GetStructuredStateValue("ErrorMessage"));
    }

    [Fact]
    public async Task AFailedV2Call_IsAWarningWithTheServicesErrorName()
    {
        await using var harness = await StartAsync(o => o.V2BaseUrl = o.BaseUrl, c => c.V2ApiKey = QianfanEmulatorOptions.DefaultV2ApiKey);
        var request = new ChatCompletionRequest("ernie-no-such-model") { Messages = { ChatMessage.User("你好") } };

        var error = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.ChatCompletions.CompleteAsync(request));

        var failed = Assert.Single(Records(harness), r => r.Level == LogLevel.Warning);
        Assert.Equal("invalid_model", error.ErrorName);
        Assert.Equal("invalid_model", failed.GetStructuredStateValue("ErrorCode"));
        Assert.Equal("v2/chat/completions", failed.GetStructuredStateValue("Operation"));
        Assert.StartsWith("v2/chat/completions failed with error invalid_model: ", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARenewedCredential_IsLoggedOnce_AfterTheRejectionsWarning()
    {
        await using var harness = await StartAsync();
        await harness.Client.Chat.CompleteAsync(Ask("预热"));
        harness.Emulator.Scenarios.ExpireAllTokens();
        harness.Logs.Clear();

        await harness.Client.Chat.CompleteAsync(Ask("续期"));

        var records = Records(harness);
        var rejected = Assert.Single(records, r => r.Level == LogLevel.Warning);
        Assert.Equal("chat/ernie-lite-8k failed with error 111: Access token expired", rejected.Message);
        var renewed = Assert.Single(records, r => r.Message.StartsWith("The service rejected", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, renewed.Level);
        Assert.Equal("The service rejected the credential (error 111) on chat/ernie-lite-8k; renewed it, repeating once", renewed.Message);
        Assert.Equal("111", renewed.GetStructuredStateValue("ErrorCode"));
        Assert.True(records.IndexOf(rejected) < records.IndexOf(renewed));
    }

    [Fact]
    public async Task EveryAttempt_IsLoggedAtDebug_WithMethodOperationStreamAndAttempt()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.ServerHighLoad);

        await harness.Client.Chat.CompleteAsync(Ask("重试"));
        await harness.Client.Chat.StreamAsync(Ask("流式")).ToListAsync();

        var sending = Records(harness).Where(r => r.Level == LogLevel.Debug && r.Message.StartsWith("POST ", StringComparison.Ordinal)).Select(r => r.Message);
        Assert.Equal(
            ["POST chat/ernie-lite-8k (stream: False, attempt 1)", "POST chat/ernie-lite-8k (stream: False, attempt 2)", "POST chat/ernie-lite-8k (stream: True, attempt 1)"],
            sending);
        Assert.Equal(3, harness.ChatAttempts);
    }

    private static List<FakeLogRecord> Records(ResilienceHarness harness) =>
        [.. harness.Logs.GetSnapshot().Where(r => r.Category == Category)];
}
