namespace Qianfan.Sdk.Emulator.RateLimiting;

/// <summary>
/// The limits in force for one call: the advertised per-minute quotas (for the headers) and which limits are
/// enforced (null = not enforced).
/// </summary>
internal readonly record struct QuotaLimits(int RequestsPerMinute, int TokensPerMinute, int? Qps, int? Rpm, int? Tpm);
