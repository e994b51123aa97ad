using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.DashScope;

/// <summary>
/// Client-wide settings: which region (or host) to talk to, how long to wait, how to retry, limit and poll. The
/// credentials are <see cref="DashScopeCredentials"/>. Read once when a client is made; later changes have no effect on
/// it, and each client keeps its own — two clients in one process may talk to two regions.
/// </summary>
public sealed class DashScopeOptions
{
    /// <summary>The China region's base URL.</summary>
    public const string ChinaBaseUrl = "https://dashscope.aliyuncs.com/api/v1";

    /// <summary>The international (Singapore) region's base URL.</summary>
    public const string InternationalBaseUrl = "https://dashscope-intl.aliyuncs.com/api/v1";

    /// <summary>The finance cloud's base URL.</summary>
    public const string FinanceBaseUrl = "https://dashscope-finance.aliyuncs.com/api/v1";

    /// <summary>The region whose host to use (<c>DASHSCOPE_REGION</c>: <c>china</c>, <c>international</c> or <c>finance</c>); China by default.</summary>
    public DashScopeRegion Region { get; set; } = DashScopeRegion.China;

    /// <summary>
    /// The native API's base URL, ending in <c>/api/v1</c> (<c>DASHSCOPE_HTTP_BASE_URL</c>); null (the default) uses
    /// <see cref="Region"/>'s. Set it for a proxy or the emulator.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The workspace to bill and authorize against (<c>X-DashScope-WorkSpace</c>, <c>DASHSCOPE_WORKSPACE</c>); null for the key's default.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>
    /// How long one attempt may wait (after any client-side limit) for the whole reply of a one-shot call or the first
    /// event of a stream; an attempt past it is abandoned and retried. Default 180 seconds (the service's own limit).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>How long a stream may stay silent between two events once the first has arrived; null (the default) uses <see cref="Timeout"/>.</summary>
    public TimeSpan? StreamIdleTimeout { get; set; }

    /// <summary>Retries of calls that failed for a passing reason (throttling, internal errors, 5xx, dropped connections).</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Client-side limits; none by default.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>How asynchronous tasks (image synthesis) are waited for: the polling interval, its growth and the overall bound.</summary>
    public TaskPollingOptions TaskPolling { get; set; } = new();

    /// <summary>The base URL the client uses: <see cref="BaseUrl"/>, else <see cref="Region"/>'s.</summary>
    public Uri EffectiveBaseUrl => BaseUrl ?? new Uri(Region switch
    {
        DashScopeRegion.International => InternationalBaseUrl,
        DashScopeRegion.Finance => FinanceBaseUrl,
        _ => ChinaBaseUrl,
    });

    /// <summary>Settings from <c>DASHSCOPE_HTTP_BASE_URL</c>, <c>DASHSCOPE_REGION</c> and <c>DASHSCOPE_WORKSPACE</c>; unset ones keep the defaults.</summary>
    /// <exception cref="ArgumentException">A variable is set to a value that cannot be read, naming it.</exception>
    public static DashScopeOptions FromEnvironment()
    {
        var options = new DashScopeOptions();
        DashScopeEnvironment.Apply(options, Environment.GetEnvironmentVariable);
        return options;
    }

    internal TimeSpan EffectiveStreamIdleTimeout => StreamIdleTimeout ?? Timeout;

    /// <inheritdoc />
    public override string ToString() =>
        $"Region={Region}, BaseUrl={EffectiveBaseUrl}, Timeout={Timeout}, StreamIdleTimeout={EffectiveStreamIdleTimeout}, MaxRetries={Retry?.MaxRetries}";
}
