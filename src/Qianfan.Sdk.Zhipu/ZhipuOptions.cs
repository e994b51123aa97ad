using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Zhipu;

/// <summary>
/// Client-wide settings: which platform (region) or host, how the key is sent, how long to wait, how to retry, limit
/// and poll. The key itself is <see cref="ZhipuCredentials"/>. Read once when a client is made; later changes have no
/// effect on it. Each client has its own, so one process can talk to both regions at once.
/// </summary>
public sealed class ZhipuOptions
{
    /// <summary>The base URL of the mainland platform, bigmodel.cn.</summary>
    public const string ChinaBaseUrl = "https://open.bigmodel.cn/api/paas/v4";

    /// <summary>The base URL of the international platform, Z.AI.</summary>
    public const string InternationalBaseUrl = "https://api.z.ai/api/paas/v4";

    /// <summary>Which platform the client talks to when <see cref="BaseUrl"/> is not set; default <see cref="ZhipuRegion.China"/>.</summary>
    public ZhipuRegion Region { get; set; } = ZhipuRegion.China;

    /// <summary>
    /// The API's base URL, path included (<c>ZHIPUAI_BASE_URL</c>), e.g. <c>https://open.bigmodel.cn/api/paas/v4</c>;
    /// null (the default) takes the <see cref="Region"/>'s. Set it for a proxy or the emulator.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How the key is sent: as it is (the default) or as a self-signed JWT.</summary>
    public ZhipuAuthentication Authentication { get; set; } = ZhipuAuthentication.ApiKey;

    /// <summary>How long a JWT is valid (its <c>exp</c>); default 210 seconds, as the official Python SDK signs them.</summary>
    public TimeSpan JwtLifetime { get; set; } = TimeSpan.FromSeconds(210);

    /// <summary>How long before its expiry a cached JWT is replaced by a new one; default 30 seconds.</summary>
    public TimeSpan JwtRefreshMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one attempt may wait: for the whole reply of a sync call, or the first chunk of a stream. An attempt
    /// past it is abandoned and retried. Default 300 seconds, as the official SDKs wait.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a stream may stay silent between chunks once the first arrived; null (the default) uses <see cref="Timeout"/>.</summary>
    public TimeSpan? StreamIdleTimeout { get; set; }

    /// <summary>
    /// Retries of calls that failed for a passing reason, as the business code says (1302, 1303, 1305, 1312, 1200 …);
    /// default 3 retries from 0.5 seconds, doubling up to 8 seconds, as the official SDKs do.
    /// </summary>
    public RetryOptions Retry { get; set; } = new() { BaseDelay = TimeSpan.FromSeconds(0.5), MaxDelay = TimeSpan.FromSeconds(8) };

    /// <summary>Client-side limits (QPS, RPM, TPM); none by default.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>How an asynchronous chat task is waited for: every 2 seconds at first, growing to 10, for at most 10 minutes.</summary>
    public TaskPollingOptions TaskPolling { get; set; } = new();

    /// <summary>Settings from <c>ZHIPUAI_BASE_URL</c>, the variable the official SDKs read; unset, the defaults stay.</summary>
    /// <exception cref="ArgumentException">The variable is set to something that is not an absolute URL, naming it.</exception>
    public static ZhipuOptions FromEnvironment()
    {
        var options = new ZhipuOptions();
        ZhipuEnvironment.Apply(options, Environment.GetEnvironmentVariable);
        return options;
    }

    /// <summary>The base URL calls go to: <see cref="BaseUrl"/>, else the <see cref="Region"/>'s (so a tool can say where it talks to).</summary>
    public Uri EffectiveBaseUrl => BaseUrl ?? new Uri(Region == ZhipuRegion.International ? InternationalBaseUrl : ChinaBaseUrl);

    /// <summary>The idle timeout streams get: <see cref="StreamIdleTimeout"/>, else <see cref="Timeout"/>.</summary>
    internal TimeSpan EffectiveStreamIdleTimeout => StreamIdleTimeout ?? Timeout;

    /// <inheritdoc />
    public override string ToString() =>
        $"BaseUrl={EffectiveBaseUrl}, Authentication={Authentication}, Timeout={Timeout}, StreamIdleTimeout={EffectiveStreamIdleTimeout}, MaxRetries={Retry?.MaxRetries}";
}
