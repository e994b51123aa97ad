using System.Globalization;
using System.Net.Http.Headers;

namespace Qianfan.Sdk.Protocol;

/// <summary>The account's per-minute quota as the service reported it in the <c>X-Ratelimit-*</c> headers.</summary>
public sealed record RateLimitInfo
{
    /// <summary>Requests allowed per minute (<c>X-Ratelimit-Limit-Requests</c>).</summary>
    public int? LimitRequests { get; init; }

    /// <summary>Tokens (input plus output) allowed per minute (<c>X-Ratelimit-Limit-Tokens</c>).</summary>
    public int? LimitTokens { get; init; }

    /// <summary>Requests left before the RPM limit; refilled within 0–60 s once spent (<c>X-Ratelimit-Remaining-Requests</c>).</summary>
    public int? RemainingRequests { get; init; }

    /// <summary>Tokens left before the TPM limit; refilled within 0–60 s once spent (<c>X-Ratelimit-Remaining-Tokens</c>).</summary>
    public int? RemainingTokens { get; init; }

    /// <summary>The quota in <paramref name="headers"/>, or null when the answer carried none of the headers.</summary>
    internal static RateLimitInfo? FromHeaders(HttpResponseHeaders headers)
    {
        var limitRequests = Read(headers, "X-Ratelimit-Limit-Requests");
        var limitTokens = Read(headers, "X-Ratelimit-Limit-Tokens");
        var remainingRequests = Read(headers, "X-Ratelimit-Remaining-Requests");
        var remainingTokens = Read(headers, "X-Ratelimit-Remaining-Tokens");
        if (limitRequests is null && limitTokens is null && remainingRequests is null && remainingTokens is null)
        {
            return null;
        }

        return new RateLimitInfo
        {
            LimitRequests = limitRequests,
            LimitTokens = limitTokens,
            RemainingRequests = remainingRequests,
            RemainingTokens = remainingTokens,
        };
    }

    private static int? Read(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values)
        && int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
