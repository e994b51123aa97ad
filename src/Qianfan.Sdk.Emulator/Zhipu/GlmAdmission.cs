using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// What a chat call (sync, stream or asynchronous) meets before its answer, in this order: the gateway scenarios, the
/// method and the credential, an injected error, the body's rules, the unsafe-input trigger (400 <c>1301</c>), the
/// QPS/RPM/TPM limits; then the answer is decided and its tokens counted. A refusal is written as the service answers
/// it — a plain HTTP error, streams included, since the service refuses a stream before its first chunk.
/// </summary>
internal sealed class GlmAdmission(EmulatorState state, ZhipuState zhipu)
{
    private readonly GlmAnswerBuilder _answers = new(state);

    /// <summary>The call and its answer, or null once a refusal (or a dropped connection) has been written.</summary>
    public async Task<(GlmCall Call, GlmAnswer Answer)?> AdmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var response = context.Response;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, e => ZhipuJson.WriteErrorAsync(response, ZhipuFaults.From(e), cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var error = ZhipuAccess.Check(context.Request, HttpMethods.Post, zhipu, state.Scenarios.Zhipu, state.TimeProvider.GetUtcNow());
        var call = error is null ? GlmRequestReader.Read(context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty, out error) : null;
        if (call is null)
        {
            await ZhipuJson.WriteErrorAsync(response, error!, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var scenarios = state.Scenarios;
        if ((scenarios.ClearHistoryTrigger is { } trigger && call.Messages[^1].Content.Contains(trigger, StringComparison.Ordinal)) || scenarios.ClearHistoryCalls.TryTake(out _))
        {
            await ZhipuJson.WriteErrorAsync(response, ZhipuError.Of("1301"), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, call.InputTokens);
        if (admission.Error is { } limit)
        {
            await ZhipuJson.WriteErrorAsync(response, ZhipuFaults.From(limit), cancellationToken).ConfigureAwait(false);
            return null;
        }

        GlmAnswer answer;
        try
        {
            answer = _answers.Build(call);
        }
#pragma warning disable CA1031 // A failing user reply function becomes the service's internal error, as a model crash would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmulatorLog.ReplyFactoryFailed(state.Logger, sequence, ex);
            state.Quota.Settle(limits, admission.Charge!, 0);
            await ZhipuJson.WriteErrorAsync(response, ZhipuError.Of("500", "内部错误：" + ex.Message), cancellationToken).ConfigureAwait(false);
            return null;
        }

        state.Quota.Settle(limits, admission.Charge!, answer.OutputTokens);
        return (call, answer);
    }
}
