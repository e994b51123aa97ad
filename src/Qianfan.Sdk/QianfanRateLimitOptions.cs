namespace Qianfan.Sdk;

/// <summary>
/// Client-side limits that keep an application inside its Qianfan quota instead of collecting QPS/RPM/TPM errors.
/// They are per <see cref="QianfanClient"/> and shared by all its calls, sync and stream. Callers over a limit wait
/// in a bounded queue. Zero means unlimited.
/// </summary>
public sealed class QianfanRateLimitOptions
{
    /// <summary>Requests in any one second (<c>QIANFAN_QPS_LIMIT</c>); 0 for no limit.</summary>
    public int QueriesPerSecond { get; set; }

    /// <summary>Requests in any one minute (<c>QIANFAN_RPM_LIMIT</c>); 0 for no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tokens (input plus output, as the service reports them) in any one minute (<c>QIANFAN_TPM_LIMIT</c>); 0 for no limit.</summary>
    public int TokensPerMinute { get; set; }

    /// <summary>How many callers may wait for a limit at once; past it a call fails with <see cref="Errors.QianfanRateLimitExceededException"/>. Default 1,000.</summary>
    public int QueueLimit { get; set; } = 1000;
}
