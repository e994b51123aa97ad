using System.Globalization;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.RateLimiting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.Errors;

/// <summary>How the V1 service writes its answers: JSON with HTTP 200 (errors included) and the rate-limit headers.</summary>
internal static class ServiceResponses
{
    public const string JsonContentType = "application/json;charset=utf-8";

    public static Task WriteErrorAsync(HttpResponse response, ServiceError error, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        return response.WriteAsJsonAsync(
            new ErrorBody(error.Code, error.Message),
            EmulatorJsonContext.Wire.ErrorBody,
            JsonContentType,
            cancellationToken);
    }

    public static void SetQuotaHeaders(HttpResponse response, QuotaSnapshot quota)
    {
        var headers = response.Headers;
        headers["X-Ratelimit-Limit-Requests"] = quota.LimitRequests.ToString(CultureInfo.InvariantCulture);
        headers["X-Ratelimit-Limit-Tokens"] = quota.LimitTokens.ToString(CultureInfo.InvariantCulture);
        headers["X-Ratelimit-Remaining-Requests"] = quota.RemainingRequests.ToString(CultureInfo.InvariantCulture);
        headers["X-Ratelimit-Remaining-Tokens"] = quota.RemainingTokens.ToString(CultureInfo.InvariantCulture);
    }
}
