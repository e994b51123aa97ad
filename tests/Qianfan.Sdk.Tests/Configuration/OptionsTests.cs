using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>QianfanOptions: the environment, the checks, and that no secret is ever printed.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class OptionsTests
{
    private static readonly string[] Variables =
    [
        "QIANFAN_AK", "QIANFAN_SK", "QIANFAN_ACCESS_TOKEN", "QIANFAN_BASE_URL", "QIANFAN_AUTH_TIMEOUT",
        "QIANFAN_LLM_API_RETRY_COUNT", "QIANFAN_LLM_API_RETRY_TIMEOUT", "QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR",
        "QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL", "QIANFAN_QPS_LIMIT", "QIANFAN_RPM_LIMIT", "QIANFAN_TPM_LIMIT",
        "QIANFAN_ACCESS_KEY", "QIANFAN_SECRET_KEY", "QIANFAN_API_KEY", "QIANFAN_IAM_BASE_URL", "QIANFAN_IAM_SIGN_EXPIRATION_SEC",
        "QIANFAN_V2_BASE_URL",
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

        var options = QianfanOptions.FromEnvironment();

        Assert.Equal("env-ak", options.ApiKey);
        Assert.Equal("env-sk", options.SecretKey);
        Assert.Equal("env-token", options.AccessToken);
        Assert.Equal(new Uri("https://proxy.example.test/qianfan"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.AuthTimeout);
        Assert.True(options.HasCredentials);
    }

    [Fact]
    public void FromEnvironment_UnsetOrEmptyVariablesKeepTheDefaults()
    {
        using var env = new EnvironmentScope(("QIANFAN_AK", ""), ("QIANFAN_SK", null), ("QIANFAN_ACCESS_TOKEN", null), ("QIANFAN_BASE_URL", ""), ("QIANFAN_AUTH_TIMEOUT", null));

        var options = QianfanOptions.FromEnvironment();

        Assert.Null(options.ApiKey);
        Assert.Null(options.SecretKey);
        Assert.Null(options.AccessToken);
        Assert.Equal(new Uri("https://aip.baidubce.com"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AuthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshMargin);
        Assert.Equal(3, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(300), options.Retry.OverallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Retry.MaxDelay);
        Assert.Equal(0, options.RateLimits.QueriesPerSecond);
        Assert.Equal(0, options.RateLimits.RequestsPerMinute);
        Assert.Equal(0, options.RateLimits.TokensPerMinute);
        Assert.False(options.HasCredentials);
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
        using var env = new EnvironmentScope(("QIANFAN_AK", FakeQianfan.ApiKey), ("QIANFAN_SK", FakeQianfan.SecretKey), ("QIANFAN_ACCESS_TOKEN", null), ("QIANFAN_BASE_URL", "https://aip.test"));
        using var fake = new FakeQianfan();
        using var client = new QianfanClient(QianfanOptions.FromEnvironment(), fake.HttpClient, null, null, fake.Time);
        var request = new Chat.ChatRequest();
        request.Messages.Add(Chat.ChatMessage.User("hi"));

        await client.Chat.CompleteAsync(request);

        var exchange = Assert.Single(fake.TokenRequests);
        Assert.Equal(FakeQianfan.SecretKey, exchange.Query("client_secret"));
        Assert.Equal("token-1", Assert.Single(fake.ChatRequests).AccessToken);
    }

    [Fact]
    public void ToString_NeverContainsTheSecretKeyApiKeyOrToken()
    {
        var options = new QianfanOptions
        {
            ApiKey = "ak-value-123",
            SecretKey = "sk-value-456",
            AccessToken = "24.token-value-789",
            IamAccessKey = "iam-ak-value",
            IamSecretKey = "iam-sk-value",
            V2ApiKey = "bce-v3/ALTAK-v2-key-value",
        };

        var text = options.ToString();

        Assert.DoesNotContain("iam-ak-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("iam-sk-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("v2-key-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ak-value-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-value-456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value-789", text, StringComparison.Ordinal);
        Assert.Contains("https://aip.baidubce.com", text, StringComparison.Ordinal);
        Assert.Contains("SecretKey=***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SaysWhichCredentialsAreAbsent()
    {
        var text = new QianfanOptions().ToString();

        Assert.Contains("ApiKey=(none)", text, StringComparison.Ordinal);
        Assert.Contains("AccessToken=(none)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_WithoutAnyCredentialsNamesWhatIsMissing()
    {
        using var fake = new FakeQianfan();

        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanOptions { BaseUrl = fake.BaseUrl }, fake.HttpClient));

        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AccessToken", ex.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void Client_ApiKeyWithoutSecretKeyNamesSecretKeyAndEchoesNoSecret()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanOptions { ApiKey = "ak-value-123" }, new HttpClient()));

        Assert.StartsWith("SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ak-value-123", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_SecretKeyWithoutApiKeyNamesApiKeyAndEchoesNoSecret()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanOptions { SecretKey = "sk-value-456" }, new HttpClient()));

        Assert.StartsWith("ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-value-456", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_WithACustomTokenProviderNeedsNoCredentials()
    {
        using var client = new QianfanClient(new QianfanOptions(), new HttpClient(), new Authentication.StaticAccessTokenProvider("x"));

        Assert.NotNull(client.Chat);
    }

    [Theory]
    [InlineData("ftp://aip.test")]
    [InlineData("file:///tmp/x")]
    public void Client_NonHttpBaseUrlIsRejected(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanOptions { BaseUrl = new Uri(url), AccessToken = "t" }, new HttpClient()));

        Assert.Contains("BaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Timeout")]
    [InlineData("AuthTimeout")]
    [InlineData("TokenRefreshMargin")]
    [InlineData("Retry:MaxRetries")]
    [InlineData("Retry:OverallTimeout")]
    [InlineData("RateLimits:QueriesPerSecond")]
    public void Client_OutOfRangeSettingIsRejectedNamingIt(string setting)
    {
        var options = new QianfanOptions { AccessToken = "t" };
        switch (setting)
        {
            case "Timeout": options.Timeout = TimeSpan.Zero; break;
            case "AuthTimeout": options.AuthTimeout = TimeSpan.FromSeconds(-1); break;
            case "TokenRefreshMargin": options.TokenRefreshMargin = TimeSpan.FromSeconds(-1); break;
            case "Retry:MaxRetries": options.Retry.MaxRetries = -1; break;
            case "Retry:OverallTimeout": options.Retry.OverallTimeout = TimeSpan.Zero; break;
            case "RateLimits:QueriesPerSecond": options.RateLimits.QueriesPerSecond = -1; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting), setting, null);
        }

        var ex = Assert.ThrowsAny<ArgumentException>(() => new QianfanClient(options, new HttpClient()));

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_ZeroRefreshMarginAndZeroRetriesAreAllowed()
    {
        var options = new QianfanOptions { AccessToken = "t", TokenRefreshMargin = TimeSpan.Zero };
        options.Retry.MaxRetries = 0;

        using var client = new QianfanClient(options, new HttpClient());

        Assert.NotNull(client.Chat);
    }

    [Fact]
    public void Client_NullOptionsAreRejected() =>
        Assert.Throws<ArgumentNullException>(() => new QianfanClient(null!));

    [Fact]
    public async Task Client_DisposeLeavesAGivenHttpClientUsable()
    {
        using var fake = new FakeQianfan();
        fake.CreateClientWithStaticToken().Dispose();
        using var second = fake.CreateClientWithStaticToken();
        var request = new Chat.ChatRequest();
        request.Messages.Add(Chat.ChatMessage.User("hi"));

        var reply = await second.Chat.CompleteAsync(request);

        Assert.Equal("Hello!", reply.Result);
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
