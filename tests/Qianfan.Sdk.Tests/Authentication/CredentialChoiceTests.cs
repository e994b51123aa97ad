using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Authentication;

/// <summary>
/// Which credentials each API uses, and what an API without any does: its calls fail at once with
/// <see cref="QianfanAuthenticationException"/> <c>missing_credentials</c>, naming what to set, and send nothing.
/// </summary>
public sealed class CredentialChoiceTests
{
    [Fact]
    public async Task V1_WithOnlyAV2KeyFailsItsCallsWithMissingCredentialsNamingWhatToSet()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(V1Ask()));

        Assert.Equal("missing_credentials", ex.Error);
        Assert.Contains("QIANFAN_AK and QIANFAN_SK", ex.Message, StringComparison.Ordinal);
        Assert.Contains("QIANFAN_ACCESS_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task V1_StreamWithoutCredentialsFailsOnFirstIterationWithMissingCredentials()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();

        var stream = client.Chat.StreamAsync(V1Ask());
        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(async () =>
        {
            await foreach (var _ in stream)
            {
            }
        });

        Assert.Equal("missing_credentials", ex.Error);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task V2_WithOnlyTheApplicationsKeysFailsItsCallsWithMissingCredentialsNamingWhatToSet()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.ChatCompletions.CompleteAsync(V2Ask()));

        Assert.Equal("missing_credentials", ex.Error);
        Assert.Contains("QIANFAN_API_KEY (V2ApiKey)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task V1_IamKeysSignEachRequestInsteadOfATokenAndWinOverTheApplicationsKeys()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(credentials: c =>
        {
            c.IamAccessKey = FakeQianfan.IamAccessKey;
            c.IamSecretKey = FakeQianfan.IamSecretKey;
        });

        await client.Chat.CompleteAsync(V1Ask());

        var sent = Assert.Single(fake.ChatRequests);
        Assert.StartsWith($"bce-auth-v1/{FakeQianfan.IamAccessKey}/2024-09-19T01:23:00Z/300/host;x-bce-date/", sent.Authorization, StringComparison.Ordinal);
        Assert.Equal("2024-09-19T01:23:00Z", sent.Headers["x-bce-date"]);
        Assert.Null(sent.Query("access_token"));
        Assert.Empty(fake.TokenRequests);
    }

    [Fact]
    public void Client_LogsWhatEachApiAuthenticatesWithNamingSettingsNeverValues()
    {
        using var fake = new FakeQianfan();

        using var client = fake.CreateClient();

        var ready = Assert.Single(fake.LogLines, l => l.Contains("Qianfan client ready", StringComparison.Ordinal));
        Assert.Contains("access tokens exchanged with the application's keys", ready, StringComparison.Ordinal);
        Assert.Contains("not configured (set QIANFAN_API_KEY", ready, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeQianfan.ApiKey, ready, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeQianfan.SecretKey, ready, StringComparison.Ordinal);
    }

    private static ChatRequest V1Ask() => new("ERNIE-Speed-8K") { Messages = { ChatMessage.User("hi") } };

    private static ChatCompletionRequest V2Ask() => new("ernie-4.0-8k") { Messages = { ChatMessage.User("hi") } };
}
