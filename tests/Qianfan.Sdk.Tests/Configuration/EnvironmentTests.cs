using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>
/// QianfanCredentials.FromEnvironment and QianfanOptions.FromEnvironment: the variables Baidu's official SDKs read (and
/// QIANFAN_STREAM_IDLE_TIMEOUT), what unset or empty ones leave alone, and values that cannot be read.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class EnvironmentTests
{
    private static readonly string[] Variables =
    [
        "QIANFAN_AK", "QIANFAN_SK", "QIANFAN_ACCESS_TOKEN", "QIANFAN_BASE_URL", "QIANFAN_AUTH_TIMEOUT",
        "QIANFAN_LLM_API_RETRY_COUNT", "QIANFAN_LLM_API_RETRY_TIMEOUT", "QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR",
        "QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL", "QIANFAN_QPS_LIMIT", "QIANFAN_RPM_LIMIT", "QIANFAN_TPM_LIMIT",
        "QIANFAN_ACCESS_KEY", "QIANFAN_SECRET_KEY", "QIANFAN_API_KEY", "QIANFAN_IAM_BASE_URL", "QIANFAN_IAM_SIGN_EXPIRATION_SEC",
        "QIANFAN_V2_BASE_URL", "QIANFAN_STREAM_IDLE_TIMEOUT",
    ];

    [Fact]
    public void FromEnvironment_ReadsTheOfficialVariables()
    {
        using var env = new EnvironmentScope(
            ("QIANFAN_AK", "env-ak"),
            ("QIANFAN_SK", "env-sk"),
            ("QIANFAN_ACCESS_TOKEN", "env-token"),
            ("QIANFAN_BASE_URL", "https://proxy.example.test/qianfan"),
            ("QIANFAN_AUTH_TIMEOUT", "2.5"));

        var credentials = QianfanCredentials.FromEnvironment();
        var options = QianfanOptions.FromEnvironment();

        Assert.Equal("env-ak", credentials.ApiKey);
        Assert.Equal("env-sk", credentials.SecretKey);
        Assert.Equal("env-token", credentials.AccessToken);
        Assert.True(credentials.HasV1);
        Assert.False(credentials.HasV2);
        Assert.Equal(new Uri("https://proxy.example.test/qianfan"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.AuthTimeout);
    }

    [Fact]
    public void FromEnvironment_ReadsTheIamV2AndStreamVariables()
    {
        using var env = new EnvironmentScope(
            ("QIANFAN_ACCESS_KEY", "env-iam-ak"),
            ("QIANFAN_SECRET_KEY", "env-iam-sk"),
            ("QIANFAN_API_KEY", "bce-v3/ALTAK-env"),
            ("QIANFAN_IAM_BASE_URL", "https://iam.example.test"),
            ("QIANFAN_V2_BASE_URL", "https://v2.example.test"),
            ("QIANFAN_IAM_SIGN_EXPIRATION_SEC", "600"),
            ("QIANFAN_STREAM_IDLE_TIMEOUT", "45"));

        var credentials = QianfanCredentials.FromEnvironment();
        var options = QianfanOptions.FromEnvironment();

        Assert.Equal("env-iam-ak", credentials.IamAccessKey);
        Assert.Equal("env-iam-sk", credentials.IamSecretKey);
        Assert.Equal("bce-v3/ALTAK-env", credentials.V2ApiKey);
        Assert.True(credentials.HasV1);
        Assert.True(credentials.HasV2);
        Assert.Equal(new Uri("https://iam.example.test"), options.IamBaseUrl);
        Assert.Equal(new Uri("https://v2.example.test"), options.V2BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(600), options.IamSignatureExpiration);
        Assert.Equal(TimeSpan.FromSeconds(45), options.StreamIdleTimeout);
    }

    [Fact]
    public void FromEnvironment_UnsetOrEmptyVariablesKeepTheDefaults()
    {
        using var env = new EnvironmentScope(("QIANFAN_AK", ""), ("QIANFAN_SK", null), ("QIANFAN_ACCESS_TOKEN", null), ("QIANFAN_BASE_URL", ""), ("QIANFAN_AUTH_TIMEOUT", null));

        var credentials = QianfanCredentials.FromEnvironment();
        var options = QianfanOptions.FromEnvironment();

        Assert.Null(credentials.ApiKey);
        Assert.Null(credentials.SecretKey);
        Assert.Null(credentials.AccessToken);
        Assert.True(credentials.IsEmpty);
        Assert.Equal(new Uri("https://aip.baidubce.com"), options.BaseUrl);
        Assert.Equal(new Uri("https://qianfan.baidubce.com"), options.V2BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AuthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Timeout);
        Assert.Null(options.StreamIdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshMargin);
        Assert.Equal(3, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(300), options.Retry.OverallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Retry.MaxDelay);
        Assert.Equal(0, options.RateLimits.QueriesPerSecond);
        Assert.Equal(0, options.RateLimits.RequestsPerMinute);
        Assert.Equal(0, options.RateLimits.TokensPerMinute);
    }

    [Fact]
    public void FromEnvironment_ReadsTheRetryAndLimitVariables()
    {
        using var env = new EnvironmentScope(
            ("QIANFAN_LLM_API_RETRY_COUNT", "5"),
            ("QIANFAN_LLM_API_RETRY_TIMEOUT", "60"),
            ("QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR", "0.5"),
            ("QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL", "10"),
            ("QIANFAN_QPS_LIMIT", "2"),
            ("QIANFAN_RPM_LIMIT", "100"),
            ("QIANFAN_TPM_LIMIT", "30000"));

        var options = QianfanOptions.FromEnvironment();

        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Retry.OverallTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.MaxDelay);
        Assert.Equal(2, options.RateLimits.QueriesPerSecond);
        Assert.Equal(100, options.RateLimits.RequestsPerMinute);
        Assert.Equal(30_000, options.RateLimits.TokensPerMinute);
    }

    [Theory]
    [InlineData("QIANFAN_LLM_API_RETRY_COUNT", "-1")]
    [InlineData("QIANFAN_LLM_API_RETRY_COUNT", "three")]
    [InlineData("QIANFAN_LLM_API_RETRY_TIMEOUT", "0")]
    [InlineData("QIANFAN_QPS_LIMIT", "1.5")]
    [InlineData("QIANFAN_STREAM_IDLE_TIMEOUT", "0")]
    public void FromEnvironment_InvalidNumbersAreRejectedNamingTheVariable(string variable, string value)
    {
        using var env = new EnvironmentScope((variable, value));

        var ex = Assert.Throws<ArgumentException>(QianfanOptions.FromEnvironment);

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_InvalidBaseUrlIsRejected()
    {
        using var env = new EnvironmentScope(("QIANFAN_BASE_URL", "not a url"));

        var ex = Assert.Throws<ArgumentException>(QianfanOptions.FromEnvironment);

        Assert.Contains("QIANFAN_BASE_URL", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void FromEnvironment_InvalidAuthTimeoutIsRejected(string value)
    {
        using var env = new EnvironmentScope(("QIANFAN_AUTH_TIMEOUT", value));

        var ex = Assert.Throws<ArgumentException>(QianfanOptions.FromEnvironment);

        Assert.Contains("QIANFAN_AUTH_TIMEOUT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromEnvironment_DrivesAClientEndToEnd()
    {
        using var env = new EnvironmentScope(("QIANFAN_AK", FakeQianfan.ApiKey), ("QIANFAN_SK", FakeQianfan.SecretKey), ("QIANFAN_BASE_URL", "https://aip.test"));
        using var fake = new FakeQianfan();
        using var client = new QianfanClient(QianfanCredentials.FromEnvironment(), QianfanOptions.FromEnvironment(), fake.HttpClient, null, fake.Time);
        var request = new ChatRequest();
        request.Messages.Add(ChatMessage.User("hi"));

        await client.Chat.CompleteAsync(request);

        var exchange = Assert.Single(fake.TokenRequests);
        Assert.Equal(FakeQianfan.SecretKey, exchange.Query("client_secret"));
        Assert.Equal("token-1", Assert.Single(fake.ChatRequests).AccessToken);
    }

    /// <summary>Clears every QIANFAN_* variable the SDK reads, sets the given ones for one test, and puts all back afterwards.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

        public EnvironmentScope(params (string Name, string? Value)[] values)
        {
            foreach (var name in Variables)
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
