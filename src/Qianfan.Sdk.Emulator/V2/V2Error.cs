using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// An error as the V2 API reports it: an HTTP status plus <c>{"error":{"code","message","type"},"id"}</c>. Codes,
/// types and messages are those of Qianfan's V2 error-code table ("错误码说明", ModelBuilder v2).
/// </summary>
internal sealed record V2Error(int StatusCode, string Code, string Message, string Type)
{
    public const string InvalidRequest = "invalid_request_error";
    public const string AccessDenied = "access_denied";
    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary>The table's spelling (capital I), not OpenAI's <c>server_error</c>.</summary>
    public const string InternalErrorType = "Internal_error";

    public static V2Error MalformedJson() =>
        new(StatusCodes.Status400BadRequest, "malformed_json", "Invalid Argument", InvalidRequest);

    public static V2Error ModelEmpty() =>
        new(StatusCodes.Status400BadRequest, "invalid_model", "model is empty", InvalidRequest);

    public static V2Error UnknownModel() =>
        new(StatusCodes.Status401Unauthorized, "invalid_model", "The model does not exist or you do not have access to it.", InvalidRequest);

    public static V2Error InvalidMessages(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid_messages", detail, InvalidRequest);

    public static V2Error InvalidArgument(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid_argument", detail, InvalidRequest);

    public static V2Error CharactersTooLong(int maxCharacters) =>
        new(StatusCodes.Status400BadRequest, "characters_too_long", string.Create(CultureInfo.InvariantCulture, $"the max input characters is {maxCharacters}"), InvalidRequest);

    public static V2Error TokensTooLong() =>
        new(StatusCodes.Status400BadRequest, "tokens_too_long", "Prompt tokens too long", InvalidRequest);

    public static V2Error IamCertificationFailed() =>
        new(StatusCodes.Status401Unauthorized, "invalid_iam_token", "IAM Certification failed", InvalidRequest);

    public static V2Error MethodNotSupported(string message = "Only POST requests are accepted") =>
        new(StatusCodes.Status405MethodNotAllowed, "method_not_supported", message, InvalidRequest);

    public static V2Error InternalError(string message = "Internal error") =>
        new(StatusCodes.Status500InternalServerError, "internal_error", message, InternalErrorType);
}
