using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Turns a V1 error (from <see cref="EmulatorScenarios.FailNextChatCalls"/>, <see cref="EmulatorScenarios.FailNextStreamsAtStart"/>,
/// random faults or the QPS/RPM/TPM limits) into what the V2 API answers for the same condition. The V2 table's
/// message is used unless the scenario was armed with a message of its own.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>V1 code</term><description>V2 answer (HTTP status, code, type)</description></listheader>
/// <item><term>14, 13, 110, 111</term><description>401 <c>invalid_iam_token</c>, <c>invalid_request_error</c>, "IAM Certification failed"</description></item>
/// <item><term>15</term><description>401 <c>invalid_appid</c>, <c>invalid_request_error</c>, "No permission to use the appid"</description></item>
/// <item><term>6, 336004</term><description>401 <c>no_parameter_permission</c>, <c>access_denied</c>, the V1 message</description></item>
/// <item><term>3, 336005</term><description>401 <c>invalid_model</c>, <c>invalid_request_error</c> (no such model/API)</description></item>
/// <item><term>336101</term><description>405 <c>method_not_supported</c>, <c>invalid_request_error</c></description></item>
/// <item><term>336002</term><description>400 <c>malformed_json</c>, <c>invalid_request_error</c>, "Invalid Argument"</description></item>
/// <item><term>100, 336001, 336003, 336104, 336105</term><description>400 <c>invalid_argument</c>, <c>invalid_request_error</c>, the V1 message</description></item>
/// <item><term>18 (QPS)</term><description>429 <c>user_rate_limit_exceeded</c>, <c>rate_limit_exceeded</c>, "qps request limit by APP ID reached"</description></item>
/// <item><term>4 (cluster limit)</term><description>429 <c>cluster_rate_limit_exceeded</c>, <c>rate_limit_exceeded</c></description></item>
/// <item><term>17, 19 (daily/total limit)</term><description>429 <c>user_rate_limit_exceeded</c>, <c>rate_limit_exceeded</c>, the V1 message</description></item>
/// <item><term>336501 (RPM)</term><description>429 <c>rpm_rate_limit_exceeded</c>, <c>rate_limit_exceeded</c>, "Rate limit reached for RPM"</description></item>
/// <item><term>336502 (TPM)</term><description>429 <c>tpm_rate_limit_exceeded</c>, <c>rate_limit_exceeded</c>, "Rate limit reached for TPM"</description></item>
/// <item><term>1, 2, 336000, 336100 and any other</term><description>500 <c>internal_error</c>, <c>Internal_error</c>, "Internal error" (the V2 table lists no 503)</description></item>
/// </list>
/// </remarks>
internal static class V2ErrorMapping
{
    public static V2Error From(ServiceError error)
    {
        var custom = error.Message != ErrorMessages.For(error.Code);
        string Message(string v2Message) => custom ? error.Message : v2Message;

        return error.Code switch
        {
            14 or 13 or 110 or 111 => V2Error.IamCertificationFailed() with { Message = Message("IAM Certification failed") },
            15 => new V2Error(StatusCodes.Status401Unauthorized, "invalid_appid", Message("No permission to use the appid"), V2Error.InvalidRequest),
            6 or 336004 => new V2Error(StatusCodes.Status401Unauthorized, "no_parameter_permission", error.Message, V2Error.AccessDenied),
            3 or 336005 => V2Error.UnknownModel() with { Message = Message("The model does not exist or you do not have access to it.") },
            336101 => V2Error.MethodNotSupported() with { Message = Message("Only POST requests are accepted") },
            336002 => V2Error.MalformedJson() with { Message = Message("Invalid Argument") },
            100 or 336001 or 336003 or 336104 or 336105 => V2Error.InvalidArgument(error.Message),
            18 => RateLimit("user_rate_limit_exceeded", Message("qps request limit by APP ID reached")),

            // "resouce" is the V2 table's own spelling.
            4 => RateLimit("cluster_rate_limit_exceeded", Message("request limit by resouce cluster reached")),
            17 or 19 => RateLimit("user_rate_limit_exceeded", error.Message),
            336501 => RateLimit("rpm_rate_limit_exceeded", Message("Rate limit reached for RPM")),
            336502 => RateLimit("tpm_rate_limit_exceeded", Message("Rate limit reached for TPM")),
            1 or 2 or 336000 or 336100 => V2Error.InternalError(Message("Internal error")),
            _ => V2Error.InternalError(error.Message),
        };
    }

    private static V2Error RateLimit(string code, string message) =>
        new(StatusCodes.Status429TooManyRequests, code, message, V2Error.RateLimitExceeded);
}
