namespace Qianfan.Sdk.Emulator.RateLimiting;

/// <summary>The four <c>X-Ratelimit-*</c> header values at one moment.</summary>
internal readonly record struct QuotaSnapshot(int LimitRequests, int LimitTokens, int RemainingRequests, int RemainingTokens);
