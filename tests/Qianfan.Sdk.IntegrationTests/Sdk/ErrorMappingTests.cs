using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

public sealed class ErrorMappingTests
{
    private static readonly string[] DollyParameters = ["top_k", "temperature", "top_p", "penalty_score", "stop", "user_id", "stream"];

    [Theory]
    [InlineData(QianfanErrorCodes.InvalidParam, "Invalid parameter", false)]
    [InlineData(QianfanErrorCodes.DailyLimitReached, "Open api daily request limit reached", false)]
    [InlineData(QianfanErrorCodes.RequestLimitReached, "Open api request limit reached", false)]
    [InlineData(QianfanErrorCodes.InternalError, "Internal error", false)]
    [InlineData(QianfanErrorCodes.ServiceUnavailable, "Service temporarily unavailable", true)]
    [InlineData(QianfanErrorCodes.QpsLimitReached, "Open api qps request limit reached", true)]
    [InlineData(QianfanErrorCodes.ServerHighLoad, "try again later", true)]
    [InlineData(QianfanErrorCodes.RpmLimitReached, "Rpm limit reached", true)]
    [InlineData(QianfanErrorCodes.TpmLimitReached, "Tpm limit reached", true)]
    public async Task ServiceErrorCode_IsMappedToQianfanException(int code, string message, bool retryable)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.FailNextChatCalls(1, code);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi")));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.ErrorMessage);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", ex.RequestId);
        Assert.Contains(ex.RequestId!, ex.Message, StringComparison.Ordinal);
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task ServiceErrorOnAStream_IsMappedTheSameWay()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.DailyLimitReached, "daily quota used up");

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.StreamAsync(SdkHarness.Ask("hi")).ToListAsync());

        Assert.Equal(QianfanErrorCodes.DailyLimitReached, ex.ErrorCode);
        Assert.Equal("daily quota used up", ex.ErrorMessage);
        Assert.False(ex.IsRetryable);
        Assert.NotNull(ex.RequestId);
    }

    [Fact]
    public async Task Http503HtmlPage_IsAQianfanExceptionWithTheStatus()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 503);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.IsNotType<JsonException>(ex.InnerException);
        Assert.Contains("503", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(ex.RequestId);
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task Http503HtmlPage_AtStreamStart_IsAQianfanExceptionBeforeAnyChunk()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 503);
        var received = 0;

        var ex = await Assert.ThrowsAsync<QianfanException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("hi")))
            {
                received++;
            }
        });

        Assert.Equal(0, received);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.IsNotType<QianfanStreamEndedException>(ex);
    }

    [Fact]
    public async Task Http429JsonWithoutErrorCode_IsRetryableByStatus()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 429, """{"message":"slow down"}""", "application/json");

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi")));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task Http500WithAnErrorBody_KeepsTheCodeAndTheStatus()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.RespondToNextChatCallsWithStatus(1, 500, """{"error_code":336000,"error_msg":"model crashed"}""", "application/json");

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi")));

        Assert.Equal(QianfanErrorCodes.InternalError, ex.ErrorCode);
        Assert.Equal("model crashed", ex.ErrorMessage);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task EmulatorsTokenLimit_WhichTheSdkOnlyWarnsAbout_Is336003()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        // 9,832 Chinese characters: within ERNIE-Speed-8K's 24,000 characters, past its 6,144 input tokens (6,145 by the
        // estimate, 0.625 per Han character), which the SDK only warns about: the service decides.
        var request = SdkHarness.Ask(new string('字', 9832), "ERNIE-Speed-8K");

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
        Assert.Equal("the prompt tokens of messages content and system must not exceed 6144", ex.ErrorMessage);
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task EmulatorsOwnLengthCheck_OnACustomEndpointTheSdkDoesNotLimit_Is336003()
    {
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint("dolly_12b", 4800, DollyParameters));
        await using var emu = await SdkHarness.StartEmulatorAsync(options);
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        // The SDK knows no limit for this endpoint, so only the service can refuse the length.
        var request = new ChatRequest(ModelSpec.ForCustomEndpoint("dolly_12b"))
        {
            Messages = { ChatMessage.User(new string('字', 4801)) },
        };

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
        Assert.Equal("the total length of messages content and system must not exceed 4800 characters", ex.ErrorMessage);
        Assert.False(ex.IsRetryable);
        Assert.NotNull(ex.RequestId);
        Assert.Equal("dolly_12b", Assert.Single(emu.ChatRequests()).Endpoint);
    }

    [Fact]
    public async Task EmulatorsOwnParameterCheck_OnACustomEndpointTheSdkDoesNotLimit_Is336003()
    {
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint("dolly_12b", 4800, DollyParameters));
        await using var emu = await SdkHarness.StartEmulatorAsync(options);
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        var request = new ChatRequest(ModelSpec.ForCustomEndpoint("dolly_12b"))
        {
            Messages = { ChatMessage.User("hi") },
            System = "a persona Dolly does not take",
        };

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
        Assert.Equal("the parameter system is not supported by model dolly_12b", ex.ErrorMessage);
        Assert.Equal("a persona Dolly does not take", Assert.Single(emu.ChatRequests()).Json().GetProperty("system").GetString());
    }

    [Fact]
    public async Task UnknownEndpoint_IsError3FromTheService()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi", "no-such-model")));

        Assert.Equal(QianfanErrorCodes.UnsupportedMethod, ex.ErrorCode);
        Assert.Equal("no-such-model", Assert.Single(emu.ChatRequests()).Endpoint);
    }

    [Fact]
    public async Task SdkValidation_RejectsBeforeSending_NothingReachesTheEmulator()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var request = SdkHarness.Ask("hi");
        request.Temperature = 0;

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal("temperature", ex.ParamName);
        Assert.Equal("temperature must be in (0, 1], was 0", ex.Message);
        Assert.Empty(emu.Requests);
    }
}
