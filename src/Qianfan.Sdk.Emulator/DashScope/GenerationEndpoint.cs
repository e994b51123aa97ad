using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// <c>POST /api/v1/services/aigc/text-generation/generation</c>: Qwen text generation, one-shot or streamed
/// (<c>X-DashScope-SSE: enable</c>), by messages or prompt, in the text or the message format. A call goes through the
/// gateway scenarios, the key, an injected error, the body's rules, the unsafe-input trigger, the QPS/RPM/TPM limits and
/// the answer; an error of a stream request after the key comes as <c>event:error</c> inside an HTTP 200, as the
/// service sends it, and before it as a plain HTTP answer.
/// </summary>
internal sealed class GenerationEndpoint(EmulatorState state, DashScopeState dashScope)
{
    private readonly GenerationAnswerBuilder _answers = new(state);
    private readonly GenerationStreamWriter _stream = new(state);

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var requestId = DashScopeJson.NewRequestId();
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, e => DashScopeJson.WriteErrorAsync(context.Response, DashScopeFaults.From(e), requestId, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var isStream = string.Equals(context.Request.Headers["X-DashScope-SSE"].ToString(), "enable", StringComparison.OrdinalIgnoreCase);
        var access = DashScopeAccess.Check(context.Request, HttpMethods.Post, dashScope, state.Scenarios.DashScope);
        if (access is { Code: "InvalidApiKey" } or { StatusCode: StatusCodes.Status405MethodNotAllowed })
        {
            await DashScopeJson.WriteErrorAsync(context.Response, access, requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (access is not null)
        {
            await FailAsync(context, isStream, access, requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        var call = GenerationRequestReader.Read(body, isStream, out var invalid);
        if (call is null)
        {
            await FailAsync(context, isStream, invalid!, requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var scenarios = state.Scenarios;
        if ((scenarios.ClearHistoryTrigger is { } trigger && call.Messages[^1].Content.Contains(trigger, StringComparison.Ordinal)) || scenarios.ClearHistoryCalls.TryTake(out _))
        {
            await FailAsync(context, isStream, DashScopeError.Of("DataInspectionFailed"), requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, call.InputTokens);
        if (admission.Error is { } limit)
        {
            await FailAsync(context, isStream, DashScopeFaults.From(limit), requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        GenerationAnswer answer;
        try
        {
            answer = _answers.Build(call) with { RequestId = requestId };
        }
#pragma warning disable CA1031 // A failing user reply function becomes the service's internal error, as a model crash would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmulatorLog.ReplyFactoryFailed(state.Logger, sequence, ex);
            state.Quota.Settle(limits, admission.Charge!, 0);
            await FailAsync(context, isStream, DashScopeError.Of("InternalError", "Internal error: " + ex.Message), requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        state.Quota.Settle(limits, admission.Charge!, answer.OutputTokens);
        if (isStream)
        {
            await _stream.WriteAsync(context, call, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await DashScopeJson.WriteAsync(context.Response, GenerationBodies.Whole(answer, call.IsMessageFormat), requestId, cancellationToken).ConfigureAwait(false);
    }

    private Task FailAsync(HttpContext context, bool isStream, DashScopeError error, string requestId, CancellationToken cancellationToken) =>
        isStream
            ? _stream.WriteErrorAsync(context, error, requestId, cancellationToken)
            : DashScopeJson.WriteErrorAsync(context.Response, error, requestId, cancellationToken);
}
