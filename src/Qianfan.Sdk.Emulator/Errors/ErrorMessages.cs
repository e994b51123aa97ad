using System.Collections.Frozen;

namespace Qianfan.Sdk.Emulator.Errors;

/// <summary>
/// The service's <c>error_msg</c> for each code of the V1 error table, so an injected error reads like a real one.
/// </summary>
internal static class ErrorMessages
{
    private static readonly FrozenDictionary<int, string> Messages = new Dictionary<int, string>
    {
        [1] = "Unknown error",
        [2] = "Service temporarily unavailable",
        [3] = "Unsupported openapi method",
        [4] = "Open api request limit reached",
        [6] = "No permission to access data",
        [13] = "Get service token failed",
        [14] = "IAM Certification failed",
        [15] = "app not exsits or create failed",
        [17] = "Open api daily request limit reached",
        [18] = "Open api qps request limit reached",
        [19] = "Open api total request limit reached",
        [100] = "Invalid parameter",
        [110] = "Access token invalid or no longer valid",
        [111] = "Access token expired",
        [336000] = "Internal error",
        [336001] = "Invalid argument",
        [336002] = "Invalid JSON",
        [336003] = "Invalid parameter",
        [336004] = "Permission error",
        [336005] = "API name not exist",
        [336100] = "try again later",
        [336101] = "Invalid HTTP method",
        [336104] = "Invalid argument system",
        [336105] = "Invalid argument user setting",
        [336501] = "Rpm limit reached",
        [336502] = "Tpm limit reached",
    }.ToFrozenDictionary();

    /// <summary>The service's message for <paramref name="code"/>, or a generic one for a code outside the table.</summary>
    public static string For(int code) => Messages.TryGetValue(code, out var message) ? message : $"error {code}";
}
