using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// <c>/v2/chat/completions</c>: Qianfan's OpenAI-compatible chat API. Runs a call through the same chat scenarios as
/// V1, in the same order (delay, random fault, reset, injected HTTP status, then the service's checks — POST, then
/// authentication — then an injected error, body validation, a stream-start error, the QPS/RPM/TPM limits and the
/// answer), with every V1 error turned into its V2 form by <see cref="V2ErrorMapping"/>. Errors carry their HTTP
/// status and the V2 error body; answers are HTTP 200 with <c>X-Baidu-Request-Id</c> and the rate-limit headers.
/// </summary>
/// <remarks>
/// Authentication: <c>Authorization: Bearer {key}</c> where the key is the configured V2 API Key or a bearer token
/// from <c>/v1/BCE-BEARER/token</c> that has not expired, or a valid <c>bce-auth-v1</c> signature with the IAM keys.
/// Anything else is 401 <c>invalid_iam_token</c>.
/// </remarks>
internal sealed class V2ChatEndpoint(EmulatorState state, V2State v2)
{
    private readonly V2AnswerBuilder _answers = new(state, v2);
    private readonly V2StreamWriter _stream = new(state);

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var scenarios = state.Scenarios;
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var response = context.Response;

        if (await GatewayFaults.TryApplyAsync(context, state, sequence, error => FailAsync(context, sequence, V2ErrorMapping.From(error), cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
        var error = CheckCall(context);
        if (error is not null)
        {
            await FailAsync(context, sequence, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = ReadRequest(context, out error);
        if (request is null)
        {
            await FailAsync(context, sequence, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.IsStream && scenarios.StreamStartErrors.TryTake(out var startError))
        {
            await FailAsync(context, sequence, V2ErrorMapping.From(startError), cancellationToken).ConfigureAwait(false);
            return;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, request.PromptTokens);
        if (admission.Error is { } limitError)
        {
            ServiceResponses.SetQuotaHeaders(response, admission.Snapshot);
            var v2Error = V2ErrorMapping.From(limitError);
            V2Log.ErrorAnswered(state.Logger, sequence, v2Error.StatusCode, v2Error.Code, v2Error.Message);
            await V2Responses.WriteErrorAsync(response, v2Error, cancellationToken).ConfigureAwait(false);
            return;
        }

        V2Answer answer;
        try
        {
            answer = _answers.Build(request, new Uri($"{context.Request.Scheme}://{context.Request.Host}"));
        }
#pragma warning disable CA1031 // A failing user reply function becomes the service's internal error, as a model crash would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmulatorLog.ReplyFactoryFailed(state.Logger, sequence, ex);
            ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, 0));
            await V2Responses.WriteErrorAsync(response, V2Error.InternalError($"Internal error: {ex.Message}"), cancellationToken).ConfigureAwait(false);
            return;
        }

        ServiceResponses.SetQuotaHeaders(response, state.Quota.Settle(limits, admission.Charge!, answer.Usage.CompletionTokens));
        response.Headers["Statement"] = "AI-generated";
        if (request.IsStream)
        {
            await _stream.WriteAsync(context, request, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<V2ToolCallBody>? toolCalls = answer.ToolCalls.Count > 0
            ? [.. answer.ToolCalls.Select(c => new V2ToolCallBody(null, c.Id, "function", new V2FunctionCallBody(c.Name, c.Arguments)))]
            : null;
        var message = new V2ResponseMessage("assistant", answer.Content, toolCalls) { ReasoningContent = answer.Reasoning.Length > 0 ? answer.Reasoning : null };
        var body = new V2CompletionBody
        {
            Id = answer.Id,
            Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Model = request.Model,
            Choices = [new V2Choice(0, message, answer.FinishReason) { NeedClearHistory = answer.NeedClearHistory ? true : null, BanRound = answer.NeedClearHistory ? -1 : null }],
            SearchResults = answer.SearchResults.Count > 0 ? answer.SearchResults : null,
            Usage = answer.Usage,
        };
        await response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.V2CompletionBody, ServiceResponses.JsonContentType, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The gateway's checks: POST, a valid credential, then any injected error.</summary>
    private V2Error? CheckCall(HttpContext context) => V2Access.Check(context.Request, state, v2);

    /// <summary>Parses and validates the body: <c>malformed_json</c> when it is not a JSON object, else the validator's verdict.</summary>
    private V2ChatRequest? ReadRequest(HttpContext context, out V2Error? error)
    {
        var bytes = context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            error = V2Error.MalformedJson();
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = V2Error.MalformedJson();
                return null;
            }

            return V2ChatRequestValidator.Validate(document.RootElement, v2.FindModel, out error);
        }
    }

    private Task FailAsync(HttpContext context, long sequence, V2Error error, CancellationToken cancellationToken)
    {
        V2Log.ErrorAnswered(state.Logger, sequence, error.StatusCode, error.Code, error.Message);
        ServiceResponses.SetQuotaHeaders(context.Response, state.Quota.Peek(state.CurrentLimits()));
        return V2Responses.WriteErrorAsync(context.Response, error, cancellationToken);
    }
}
