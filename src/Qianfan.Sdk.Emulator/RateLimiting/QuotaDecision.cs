using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.RateLimiting;

/// <summary>
/// Either the limit error a call gets, or its <see cref="Charge"/> to settle once the answer is known; with the
/// headers to send on an error.
/// </summary>
internal readonly record struct QuotaDecision(ServiceError? Error, QuotaCharge? Charge, QuotaSnapshot Snapshot);
