using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// The checks every Zhipu route makes before reading the body: the HTTP method (405 otherwise), then
/// <c>Authorization: Bearer {key or JWT}</c> (401 <c>1001</c> without one, else as <see cref="ZhipuTokenCheck"/> says),
/// then an error armed with <see cref="ZhipuScenarios.FailNextCalls"/>.
/// </summary>
internal static class ZhipuAccess
{
    public static ZhipuError? Check(HttpRequest request, string method, ZhipuState zhipu, ZhipuScenarios scenarios, DateTimeOffset now)
    {
        if (!string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return new ZhipuError(StatusCodes.Status405MethodNotAllowed, "1214", $"The method {request.Method} is not allowed; use {method}.");
        }

        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return ZhipuError.Of("1001");
        }

        var credential = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header.Trim();
        if (ZhipuTokenCheck.Check(credential, zhipu, now) is { } refused)
        {
            return refused;
        }

        return scenarios.CallErrors.TryTake(out var injected) ? injected : null;
    }
}
