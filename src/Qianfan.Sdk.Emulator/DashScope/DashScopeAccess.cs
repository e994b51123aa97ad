using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// The checks every DashScope route makes before reading the body: the HTTP method (405 otherwise), then
/// <c>Authorization: Bearer {key}</c> with the emulator's DashScope key (401 <c>InvalidApiKey</c> otherwise), then an
/// error armed with <see cref="DashScopeScenarios.FailNextCalls"/>.
/// </summary>
internal static class DashScopeAccess
{
    public static DashScopeError? Check(HttpRequest request, string method, DashScopeState dashScope, DashScopeScenarios scenarios)
    {
        if (!string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return new DashScopeError(StatusCodes.Status405MethodNotAllowed, "InvalidParameter", $"The method {request.Method} is not allowed; use {method}.");
        }

        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return DashScopeError.InvalidApiKey(missing: true);
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !string.Equals(header[7..].Trim(), dashScope.ApiKey, StringComparison.Ordinal))
        {
            return DashScopeError.InvalidApiKey(missing: false);
        }

        return scenarios.CallErrors.TryTake(out var injected) ? injected : null;
    }
}
