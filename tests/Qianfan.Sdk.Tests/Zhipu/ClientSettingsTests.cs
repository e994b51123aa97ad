using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// Settings per client, never per process: the region's base URL (or one given), the key apart from the settings, the
/// environment variables the official SDKs read, and broken settings named before anything is sent.
/// </summary>
public sealed class ClientSettingsTests
{
    [Theory]
    [InlineData(ZhipuRegion.China, "https://open.bigmodel.cn/api/paas/v4/chat/completions")]
    [InlineData(ZhipuRegion.International, "https://api.z.ai/api/paas/v4/chat/completions")]
    public async Task Region_PicksItsPlatformsBaseUrl(ZhipuRegion region, string url)
    {
        using var fake = new FakeZhipu();
        using var client = new ZhipuClient(new ZhipuCredentials { ApiKey = FakeZhipu.ApiKey }, new ZhipuOptions { Region = region }, fake.HttpClient);

        await client.Chat.CompleteAsync(Ask());

        Assert.Equal(url, Assert.Single(fake.Requests).Uri.AbsoluteUri);
        Assert.Equal(url[..^"/chat/completions".Length], client.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public async Task TwoClients_InOneProcess_KeepTheirOwnRegionAndKey()
    {
        using var fake = new FakeZhipu();
        using var china = new ZhipuClient(new ZhipuCredentials { ApiKey = "cn.key" }, new ZhipuOptions(), fake.HttpClient);
        using var world = new ZhipuClient(new ZhipuCredentials { ApiKey = "intl.key" }, new ZhipuOptions { Region = ZhipuRegion.International }, fake.HttpClient);

        await china.Chat.CompleteAsync(Ask());
        await world.Chat.CompleteAsync(Ask());
        await china.Chat.CompleteAsync(Ask());

        Assert.Equal(
            [("open.bigmodel.cn", "cn.key"), ("api.z.ai", "intl.key"), ("open.bigmodel.cn", "cn.key")],
            fake.Requests.Select(r => (r.Uri.Host, r.Bearer)));
    }

    [Fact]
    public async Task BaseUrl_WinsOverTheRegion_WithOrWithoutATrailingSlash()
    {
        using var fake = new FakeZhipu();
        using var client = new ZhipuClient(new ZhipuCredentials { ApiKey = FakeZhipu.ApiKey }, new ZhipuOptions { Region = ZhipuRegion.International, BaseUrl = new Uri("http://127.0.0.1:9/proxy/v4/") }, fake.HttpClient);

        await client.Chat.CompleteAsync(Ask());

        Assert.Equal("http://127.0.0.1:9/proxy/v4/chat/completions", Assert.Single(fake.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void Environment_ReadsTheOfficialSdksVariables()
    {
        var variables = new Dictionary<string, string> { ["ZHIPUAI_API_KEY"] = "id.secret", ["ZHIPUAI_BASE_URL"] = "https://proxy.example/api/paas/v4" };
        var credentials = new ZhipuCredentials();
        var options = new ZhipuOptions();

        ZhipuEnvironment.Apply(credentials, n => variables.GetValueOrDefault(n));
        ZhipuEnvironment.Apply(options, n => variables.GetValueOrDefault(n));

        Assert.Equal("id.secret", credentials.ApiKey);
        Assert.Equal(new Uri("https://proxy.example/api/paas/v4"), options.EffectiveBaseUrl);
    }

    [Fact]
    public void Environment_UnsetOrEmptyVariables_KeepTheValues()
    {
        var credentials = new ZhipuCredentials { ApiKey = "kept.key" };
        var options = new ZhipuOptions { Region = ZhipuRegion.International };

        ZhipuEnvironment.Apply(credentials, _ => "");
        ZhipuEnvironment.Apply(options, _ => null);

        Assert.Equal("kept.key", credentials.ApiKey);
        Assert.Equal(new Uri(ZhipuOptions.InternationalBaseUrl), options.EffectiveBaseUrl);
    }

    [Fact]
    public void Environment_ABaseUrlThatIsNotAUrl_IsAnErrorNamingTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => ZhipuEnvironment.Apply(new ZhipuOptions(), _ => "not a url"));

        Assert.Contains("ZHIPUAI_BASE_URL must be an absolute URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKey_IsAnErrorNamingWhatToSet()
    {
        var error = Assert.Throws<ArgumentException>(() => new ZhipuClient(new ZhipuCredentials()));

        Assert.Equal("credentials", error.ParamName);
        Assert.Contains("ZHIPUAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenSettings_AreNamedTogether()
    {
        var options = new ZhipuOptions { BaseUrl = new Uri("ftp://example/"), Timeout = TimeSpan.Zero };
        options.Retry.MaxRetries = -1;
        options.TaskPolling.Interval = TimeSpan.Zero;

        var error = Assert.Throws<ArgumentException>(() => new ZhipuClient(new ZhipuCredentials { ApiKey = "a.b" }, options));

        Assert.Contains("BaseUrl (Zhipu:BaseUrl, ZHIPUAI_BASE_URL) must be an absolute http or https URL.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout (Zhipu:Timeout) must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retry:MaxRetries (Zhipu:Retry:MaxRetries) must be zero or more, was -1.", error.Message, StringComparison.Ordinal);
        Assert.Contains("TaskPolling:Interval (Zhipu:TaskPolling:Interval) must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStrings_NeverPrintTheKey()
    {
        var credentials = new ZhipuCredentials { ApiKey = "12345678.top-secret" };

        Assert.Equal("ApiKey=***", credentials.ToString());
        Assert.DoesNotContain("top-secret", new ZhipuOptions().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverCarryTheKeyOrTheToken()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        await client.Chat.CompleteAsync(Ask());

        Assert.Contains(fake.LogLines, l => l.Contains("Zhipu client ready: https://zhipu.test/api/paas/v4, the API key sent as Jwt", StringComparison.Ordinal));
        Assert.DoesNotContain(fake.LogLines, l => l.Contains("abcdefg", StringComparison.Ordinal) || l.Contains(Assert.Single(fake.Requests).Bearer!, StringComparison.Ordinal));
    }

    private static ChatCompletionRequest Ask() => new("glm-4") { Messages = { ChatMessage.User("你好") } };
}
