using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>Any other path: the gateway's error 3 (Unsupported openapi method) in an HTTP 200, like the real host.</summary>
internal sealed class FallbackEndpoint(EmulatorState state)
{
    public Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
        ServiceResponses.SetQuotaHeaders(context.Response, state.Quota.Peek(state.CurrentLimits()));
        return ServiceResponses.WriteErrorAsync(context.Response, ServiceError.Of(ErrorCodes.UnsupportedMethod), context.RequestAborted);
    }
}
