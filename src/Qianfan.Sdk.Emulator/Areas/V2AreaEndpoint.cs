using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>
/// A V2 API beside chat (<c>/v2/embeddings</c>, <c>/v2/rerankers</c>, <c>/v2/images/generations</c>). A call meets what
/// a V2 chat call meets, in the same order and with the same machinery (<see cref="GatewayFaults"/>,
/// <see cref="V2Access"/>, the quota tracker, <see cref="V2ErrorMapping"/>): the gateway faults, POST and the
/// credential, an injected error, the body (400 <c>malformed_json</c>, or the area's own error), the QPS/RPM/TPM limits
/// and the answer, HTTP 200 with <c>X-Baidu-Request-Id</c> and the rate-limit headers.
/// </summary>
internal sealed class V2AreaEndpoint(EmulatorState state, V2State v2, IV2Area area)
{
    public string Route => area.Path;

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, error => FailAsync(context, sequence, V2ErrorMapping.From(error), cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var response = context.Response;
        response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
        var error = V2Access.Check(context.Request, state, v2);
        AreaCall? call = null;
        if (error is null)
        {
            if (AreaBody.Parse(context) is { } body)
            {
                call = area.Read(body, out error);
            }
            else
            {
                error = V2Error.MalformedJson();
            }
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
            await WriteAsync(context, sequence, V2ErrorMapping.From(limitError), cancellationToken).ConfigureAwait(false);
            return;
        }

        var answer = call.Answer(context);
        ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, answer.CompletionTokens));
        await answer.WriteAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private Task FailAsync(HttpContext context, long sequence, V2Error error, CancellationToken cancellationToken)
    {
        ServiceResponses.SetQuotaHeaders(context.Response, state.Quota.Peek(state.CurrentLimits()));
        return WriteAsync(context, sequence, error, cancellationToken);
    }

    private Task WriteAsync(HttpContext context, long sequence, V2Error error, CancellationToken cancellationToken)
    {
        V2Log.ErrorAnswered(state.Logger, sequence, error.StatusCode, error.Code, error.Message);
        return V2Responses.WriteErrorAsync(context.Response, error, cancellationToken);
    }
}
