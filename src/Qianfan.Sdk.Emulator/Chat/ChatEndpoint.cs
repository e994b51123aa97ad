using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{endpoint}</c>: the V1 chat API. Runs a call through the armed
/// scenarios and the service's checks in the order documented on <see cref="EmulatorScenarios"/>, then answers
/// in sync or stream mode. Every service answer is HTTP 200 with <c>X-Baidu-Request-Id</c> and the rate-limit headers.
/// </summary>
internal sealed class ChatEndpoint(EmulatorState state)
{
    private readonly ChatAnswerBuilder _answers = new(state);
    private readonly ChatStreamWriter _stream = new(state);

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var scenarios = state.Scenarios;
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var response = context.Response;

        if (await GatewayFaults.TryApplyAsync(context, state, sequence, error => FailAsync(context, sequence, error, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
        var error = CheckCall(context, out var spec);
        if (error is not null)
        {
            await FailAsync(context, sequence, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = ReadRequest(context, spec!, out error);
        if (request is null)
        {
            await FailAsync(context, sequence, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.IsStream && scenarios.StreamStartErrors.TryTake(out var startError))
        {
            await FailAsync(context, sequence, startError, cancellationToken).ConfigureAwait(false);
            return;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, request.PromptTokens);
        if (admission.Error is { } limitError)
        {
            ServiceResponses.SetQuotaHeaders(response, admission.Snapshot);
            EmulatorLog.ServiceErrorAnswered(state.Logger, sequence, limitError.Code, limitError.Message);
            await ServiceResponses.WriteErrorAsync(response, limitError, cancellationToken).ConfigureAwait(false);
            return;
        }

        ChatAnswer answer;
        try
        {
            answer = _answers.Build(spec!, request);
        }
#pragma warning disable CA1031 // A failing user reply function becomes the service's internal error, as a model crash would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmulatorLog.ReplyFactoryFailed(state.Logger, sequence, ex);
            var internalError = new ServiceError(ErrorCodes.InternalError, $"{ErrorMessages.For(ErrorCodes.InternalError)}: {ex.Message}");
            ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, 0));
            await ServiceResponses.WriteErrorAsync(response, internalError, cancellationToken).ConfigureAwait(false);
            return;
        }

        ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, answer.Usage.CompletionTokens));
        response.Headers["Statement"] = "AI-generated";
        if (request.IsStream)
        {
            await _stream.WriteAsync(context, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = new ChatCompletionBody
        {
            Id = answer.Id,
            Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Result = answer.Result,
            FinishReason = answer.FinishReason,
            FunctionCall = answer.FunctionCall,
            NeedClearHistory = answer.NeedClearHistory,
            BanRound = answer.NeedClearHistory ? -1 : null,
            Usage = answer.Usage,
        };
        await response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.ChatCompletionBody, ServiceResponses.JsonContentType, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The gateway's checks: a known endpoint, POST, a valid access token (or, without one, a valid <c>bce-auth-v1</c>
    /// signature), then any injected error.
    /// </summary>
    private ServiceError? CheckCall(HttpContext context, out ModelSpec? spec)
    {
        spec = null;
        if (context.Request.RouteValues["endpoint"] is not string endpoint || !state.Endpoints.TryGetValue(endpoint, out spec))
        {
            return ServiceError.Of(ErrorCodes.UnsupportedMethod);
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return ServiceError.Of(ErrorCodes.InvalidHttpMethod);
        }

        return V1Access.Check(context.Request, state);
    }

    /// <summary>Parses and validates the body: error 336002 when it is not a JSON object, 336003 when a rule is broken.</summary>
    private static ChatRequest? ReadRequest(HttpContext context, ModelSpec spec, out ServiceError? error)
    {
        var bytes = context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            error = ServiceError.Of(ErrorCodes.InvalidJson);
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = ServiceError.Of(ErrorCodes.InvalidJson);
                return null;
            }

            var request = ChatRequestValidator.Validate(document.RootElement, spec, out var rule);
            error = rule is null ? null : new ServiceError(ErrorCodes.InvalidParam, rule);
            return request;
        }
    }

    private Task FailAsync(HttpContext context, long sequence, ServiceError error, CancellationToken cancellationToken)
    {
        EmulatorLog.ServiceErrorAnswered(state.Logger, sequence, error.Code, error.Message);
        ServiceResponses.SetQuotaHeaders(context.Response, state.Quota.Peek(state.CurrentLimits()));
        return ServiceResponses.WriteErrorAsync(context.Response, error, cancellationToken);
    }
}
