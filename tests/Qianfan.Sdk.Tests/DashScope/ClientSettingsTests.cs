using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// A client's settings: the host from its region or its base URL, its own and no other client's; the key apart from
/// the settings and required; the <c>DASHSCOPE_*</c> variables; every broken setting named.
/// </summary>
public sealed class ClientSettingsTests
{
    [Theory]
    [InlineData(DashScopeRegion.China, "https://dashscope.aliyuncs.com/api/v1")]
    [InlineData(DashScopeRegion.International, "https://dashscope-intl.aliyuncs.com/api/v1")]
    [InlineData(DashScopeRegion.Finance, "https://dashscope-finance.aliyuncs.com/api/v1")]
    public void TheRegion_ChoosesTheHost(DashScopeRegion region, string expected)
    {
        using var client = new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-1" }, new DashScopeOptions { Region = region });

        Assert.Equal(new Uri(expected), client.BaseUrl);
    }

    [Fact]
    public void ABaseUrl_WinsOverTheRegion()
    {
        using var client = new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-1" }, new DashScopeOptions { Region = DashScopeRegion.International, BaseUrl = new Uri("http://127.0.0.1:9/api/v1") });

        Assert.Equal(new Uri("http://127.0.0.1:9/api/v1"), client.BaseUrl);
    }

    [Fact]
    public async Task TwoClientsInOneProcess_TalkToTheirOwnRegions_WithTheirOwnKeys()
    {
        using var service = new TestService { Responder = (_, _, _) => Task.FromResult(DashScopeReplies.Json(DashScopeReplies.TextReply)) };
        using var http = new HttpClient(service);
        using var china = new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-china" }, new DashScopeOptions { Region = DashScopeRegion.China }, http);
        using var intl = new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-intl" }, new DashScopeOptions { Region = DashScopeRegion.International }, http);

        await intl.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "hi" }).OrHang();
        await china.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" }).OrHang();

        Assert.Equal(("dashscope-intl.aliyuncs.com", "Bearer sk-intl"), (service.Requests[0].Uri.Host, service.Requests[0].Authorization));
        Assert.Equal(("dashscope.aliyuncs.com", "Bearer sk-china"), (service.Requests[1].Uri.Host, service.Requests[1].Authorization));
    }

    [Fact]
    public void TheEnvironment_GivesTheKey_TheHostAndTheRegion()
    {
        var variables = new Dictionary<string, string?>
        {
            ["DASHSCOPE_API_KEY"] = "sk-env",
            ["DASHSCOPE_HTTP_BASE_URL"] = "http://127.0.0.1:8080/api/v1",
            ["DASHSCOPE_REGION"] = "intl",
            ["DASHSCOPE_WORKSPACE"] = "ws-1",
        };
        var credentials = new DashScopeCredentials();
        var options = new DashScopeOptions();

        DashScopeEnvironment.Apply(credentials, variables.GetValueOrDefault);
        DashScopeEnvironment.Apply(options, variables.GetValueOrDefault);

        Assert.Equal("sk-env", credentials.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:8080/api/v1"), options.EffectiveBaseUrl);
        Assert.Equal(DashScopeRegion.International, options.Region);
        Assert.Equal("ws-1", options.WorkspaceId);
    }

    [Fact]
    public void UnsetOrEmptyVariables_KeepTheValues()
    {
        var variables = new Dictionary<string, string?> { ["DASHSCOPE_API_KEY"] = "" };
        var credentials = new DashScopeCredentials { ApiKey = "sk-code" };
        var options = new DashScopeOptions { Region = DashScopeRegion.Finance };

        DashScopeEnvironment.Apply(credentials, variables.GetValueOrDefault);
        DashScopeEnvironment.Apply(options, variables.GetValueOrDefault);

        Assert.Equal("sk-code", credentials.ApiKey);
        Assert.Equal(DashScopeRegion.Finance, options.Region);
        Assert.Null(options.BaseUrl);
    }

    [Theory]
    [InlineData("DASHSCOPE_HTTP_BASE_URL", "not a url")]
    [InlineData("DASHSCOPE_HTTP_BASE_URL", "ftp://host/api/v1")]
    [InlineData("DASHSCOPE_REGION", "mars")]
    public void AnUnreadableVariable_IsNamed(string name, string value)
    {
        var variables = new Dictionary<string, string?> { [name] = value };

        var error = Assert.Throws<ArgumentException>(() => DashScopeEnvironment.Apply(new DashScopeOptions(), variables.GetValueOrDefault));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void NoKey_IsRefused_NamingTheVariable(string? key)
    {
        var error = Assert.Throws<ArgumentException>(() => new DashScopeClient(new DashScopeCredentials { ApiKey = key }));

        Assert.Contains("DASHSCOPE_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal("credentials", error.ParamName);
    }

    [Fact]
    public void AKeyWithAStrayNewline_IsRefused_WithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-secret-value\n" }));

        Assert.Contains("stray newline", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBrokenSetting_IsNamed()
    {
        var options = new DashScopeOptions
        {
            Region = (DashScopeRegion)7,
            BaseUrl = new Uri("ftp://x/"),
            WorkspaceId = " ",
            Timeout = TimeSpan.Zero,
            StreamIdleTimeout = TimeSpan.FromSeconds(-1),
        };
        options.Retry.MaxRetries = -1;
        options.RateLimits.QueriesPerSecond = -1;
        options.TaskPolling.Interval = TimeSpan.Zero;
        options.TaskPolling.BackoffFactor = double.NaN;
        options.TaskPolling.Timeout = TimeSpan.Zero;

        var error = Assert.Throws<ArgumentException>(() => new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-1" }, options));

        foreach (var setting in new[] { "Region", "BaseUrl", "WorkspaceId", "Timeout", "StreamIdleTimeout", "Retry:MaxRetries", "RateLimits:QueriesPerSecond", "TaskPolling:Interval", "TaskPolling:BackoffFactor", "TaskPolling:Timeout" })
        {
            Assert.Contains(setting + " (DashScope:", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheClientsOptions_AreReadOnce()
    {
        var options = new DashScopeOptions { Region = DashScopeRegion.China };
        using var client = new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-1" }, options);

        options.Region = DashScopeRegion.International;

        Assert.Equal("dashscope.aliyuncs.com", client.BaseUrl.Host);
    }
}
