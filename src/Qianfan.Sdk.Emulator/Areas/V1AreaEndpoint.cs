using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>
/// <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/{family}/{endpoint}</c> for the V1 APIs beside chat. A call meets what a
/// chat call meets, in the same order and with the same machinery (<see cref="GatewayFaults"/>, <see cref="V1Access"/>,
/// the quota tracker): the gateway faults, then the endpoint, POST and the credential, an injected error, the body
/// (336002 when not a JSON object, 336003 naming the rule), a stream-start error for a stream, the QPS/RPM/TPM limits,
/// and the answer, HTTP 200 with <c>X-Baidu-Request-Id</c> and the rate-limit headers.
/// </summary>
internal sealed class V1AreaEndpoint(EmulatorState state, IV1Area area)
{
    public string Route => AreaPaths.V1Root + area.Family + "/{endpoint}";

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, error => FailAsync(context, sequence, error, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var response = context.Response;
        response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
        var endpoint = context.Request.RouteValues["endpoint"] as string ?? "";
        var error = !area.Serves(endpoint) ? ServiceError.Of(ErrorCodes.UnsupportedMethod)
            : !HttpMethods.IsPost(context.Request.Method) ? ServiceError.Of(ErrorCodes.InvalidHttpMethod)
            : V1Access.Check(context.Request, state);
        AreaCall? call = null;
        if (error is null)
        {
            if (AreaBody.Parse(context) is not { } body)
            {
                error = ServiceError.Of(ErrorCodes.InvalidJson);
            }
            else if ((call = area.Read(endpoint, body, out var rule)) is null)
            {
                error = new ServiceError(ErrorCodes.InvalidParam, rule ?? ErrorMessages.For(ErrorCodes.InvalidParam));
            }
        }

        if (error is null && call!.IsStream && state.Scenarios.StreamStartErrors.TryTake(out var startError))
        {
            error = startError;
        }

        if (error is not null)
        {
            await FailAsync(context, sequence, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, call!.PromptTokens);
        if (admission.Error is { } limitError)
        {
            ServiceResponses.SetQuotaHeaders(response, admission.Snapshot);
            EmulatorLog.ServiceErrorAnswered(state.Logger, sequence, limitError.Code, limitError.Message);
            await ServiceResponses.WriteErrorAsync(response, limitError, cancellationToken).ConfigureAwait(false);
            return;
        }

        AreaAnswer answer;
        try
        {
            answer = call.Answer(context);
        }
#pragma warning disable CA1031 // A failing user reply function becomes the service's internal error, as a model crash would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmulatorLog.ReplyFactoryFailed(state.Logger, sequence, ex);
            ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, 0));
            await ServiceResponses.WriteErrorAsync(response, new ServiceError(ErrorCodes.InternalError, $"{ErrorMessages.For(ErrorCodes.InternalError)}: {ex.Message}"), cancellationToken).ConfigureAwait(false);
            return;
        }

        ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, answer.CompletionTokens));
        await answer.WriteAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private Task FailAsync(HttpContext context, long sequence, ServiceError error, CancellationToken cancellationToken)
    {
        EmulatorLog.ServiceErrorAnswered(state.Logger, sequence, error.Code, error.Message);
        ServiceResponses.SetQuotaHeaders(context.Response, state.Quota.Peek(state.CurrentLimits()));
        return ServiceResponses.WriteErrorAsync(context.Response, error, cancellationToken);
    }
}
