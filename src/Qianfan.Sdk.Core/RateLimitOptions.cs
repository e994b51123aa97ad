namespace Qianfan.Sdk.Core;

/// <summary>
/// Client-side limits that keep an application inside its quota instead of collecting the service's rate-limit errors.
/// They are per client and shared by all its calls, every area, sync and stream. Callers over a limit wait in a
/// bounded queue. Zero means unlimited.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests in any one second; 0 for no limit.</summary>
    public int QueriesPerSecond { get; set; }

    /// <summary>Requests in any one minute; 0 for no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tokens (input plus output, as the service reports them) in any one minute; 0 for no limit.</summary>
    public int TokensPerMinute { get; set; }

    /// <summary>How many callers may wait for a limit at once; past it a call fails without being sent. Default 1,000.</summary>
    public int QueueLimit { get; set; } = 1000;

    /// <summary>Whether any limit is set.</summary>
    internal bool Any => QueriesPerSecond > 0 || RequestsPerMinute > 0 || TokensPerMinute > 0;
}
