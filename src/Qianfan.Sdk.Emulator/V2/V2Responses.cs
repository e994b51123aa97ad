using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>How the V2 API writes errors: the HTTP status of the V2 error table and the V2 error body.</summary>
internal static class V2Responses
{
    public static Task WriteErrorAsync(HttpResponse response, V2Error error, CancellationToken cancellationToken)
    {
        response.StatusCode = error.StatusCode;
        var body = new V2ErrorBody(new V2ErrorDetail(error.Code, error.Message, error.Type), AnswerId.NewTurnId());
        return response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.V2ErrorBody, ServiceResponses.JsonContentType, cancellationToken);
    }
}
