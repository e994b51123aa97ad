namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>QianfanOptions: the checks a client makes of them, naming the setting, and what they print.</summary>
public sealed class OptionsTests
{
    private static readonly QianfanCredentials Token = new() { AccessToken = "t" };

    [Fact]
    public void ToString_ShowsTheHostsAndTimeouts()
    {
        var text = new QianfanOptions { StreamIdleTimeout = TimeSpan.FromSeconds(30) }.ToString();

        Assert.Contains("BaseUrl=https://aip.baidubce.com", text, StringComparison.Ordinal);
        Assert.Contains("V2BaseUrl=https://qianfan.baidubce.com", text, StringComparison.Ordinal);
        Assert.Contains("StreamIdleTimeout=00:00:30", text, StringComparison.Ordinal);
        Assert.Contains("MaxRetries=3", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://aip.test")]
    [InlineData("file:///tmp/x")]
    public void Client_NonHttpBaseUrlIsRejected(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(Token, new QianfanOptions { BaseUrl = new Uri(url) }, new HttpClient()));

        Assert.Contains("BaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    [Theory]
    [InlineData("Timeout")]
    [InlineData("AuthTimeout")]
    [InlineData("TokenRefreshMargin")]
    [InlineData("StreamIdleTimeout")]
    [InlineData("Retry:MaxRetries")]
    [InlineData("Retry:OverallTimeout")]
    [InlineData("RateLimits:QueriesPerSecond")]
    public void Client_OutOfRangeSettingIsRejectedNamingIt(string setting)
    {
        var options = new QianfanOptions();
        switch (setting)
        {
            case "Timeout": options.Timeout = TimeSpan.Zero; break;
            case "AuthTimeout": options.AuthTimeout = TimeSpan.FromSeconds(-1); break;
            case "TokenRefreshMargin": options.TokenRefreshMargin = TimeSpan.FromSeconds(-1); break;
            case "StreamIdleTimeout": options.StreamIdleTimeout = TimeSpan.Zero; break;
            case "Retry:MaxRetries": options.Retry.MaxRetries = -1; break;
            case "Retry:OverallTimeout": options.Retry.OverallTimeout = TimeSpan.Zero; break;
            case "RateLimits:QueriesPerSecond": options.RateLimits.QueriesPerSecond = -1; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting), setting, null);
        }

        var ex = Assert.ThrowsAny<ArgumentException>(() => new QianfanClient(Token, options, new HttpClient()));

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_ZeroRefreshMarginAndZeroRetriesAreAllowed()
    {
        var options = new QianfanOptions { TokenRefreshMargin = TimeSpan.Zero };
        options.Retry.MaxRetries = 0;

        using var client = new QianfanClient(Token, options, new HttpClient());

        Assert.NotNull(client.Chat);
    }

    [Fact]
    public void Client_WithoutOptionsUsesTheDefaults()
    {
        using var client = new QianfanClient(Token);

        Assert.NotNull(client.Chat);
        Assert.NotNull(client.ChatCompletions);
    }
}
