using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Scenarios;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// What happens to a chat call before the service sees it, the same for V1 and V2: an injected delay, a random
/// fault, a reset connection, a bare HTTP status, an odd error body or a body whose compression does not decode from
/// the gateway. Also the shared handling of a client that leaves.
/// </summary>
internal static class GatewayFaults
{
    /// <summary>Runs <paramref name="handle"/>, treating a client that left (or an emulator that stops) as no one to answer.</summary>
    public static async Task RunAsync(HttpContext context, EmulatorState state, Func<HttpContext, CancellationToken, Task> handle)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.Stopping);
        try
        {
            await handle(context, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client left or the emulator is stopping: there is no one to answer.
            context.Abort();
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the connection mid-stream.
        }
    }

    /// <summary>
    /// Applies the armed gateway faults in order; returns true when one answered (or dropped) the call. A random
    /// service error is written with <paramref name="fail"/>, in the API's own error shape.
    /// </summary>
    public static async Task<bool> TryApplyAsync(
        HttpContext context,
        EmulatorState state,
        long sequence,
        Func<ServiceError, Task> fail,
        CancellationToken cancellationToken)
    {
        var scenarios = state.Scenarios;
        var response = context.Response;
        if (scenarios.ChatDelays.TryTake(out var delay))
        {
            EmulatorLog.Delayed(state.Logger, sequence, delay);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        if (scenarios.RandomFaults.TryPick(out var fault))
        {
            EmulatorLog.ScenarioApplied(state.Logger, sequence, "random fault");
            switch (fault)
            {
                case RandomFault.ConnectionReset:
                    context.Abort();
                    return true;
                case RandomFault.ServiceUnavailableStatus:
                    response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync("<html><body><h1>503 Service Unavailable</h1></body></html>", cancellationToken).ConfigureAwait(false);
                    return true;
                default:
                    response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
                    await fail(ServiceError.Of(fault switch
                    {
                        RandomFault.QpsLimit => ErrorCodes.QpsLimitReached,
                        RandomFault.ServerHighLoad => ErrorCodes.ServerHighLoad,
                        _ => ErrorCodes.AccessTokenExpired,
                    })).ConfigureAwait(false);
                    return true;
            }
        }

        if (scenarios.ChatResets.TryTake(out _))
        {
            EmulatorLog.ScenarioApplied(state.Logger, sequence, "connection reset");
            context.Abort();
            return true;
        }

        if (scenarios.ChatStatuses.TryTake(out var status))
        {
            EmulatorLog.StatusInjected(state.Logger, sequence, status.StatusCode);
            response.StatusCode = status.StatusCode;
            response.ContentType = status.ContentType;
            await response.WriteAsync(status.Body, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (scenarios.OddErrorBodies.TryTake(out var odd))
        {
            EmulatorLog.ScenarioApplied(state.Logger, sequence, "odd error body");
            response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ServiceResponses.JsonContentType;
            await response.WriteAsync(OddBody(odd.Shape, odd.Code, odd.Message), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (scenarios.CorruptBodies.TryTake(out var encoding))
        {
            EmulatorLog.ScenarioApplied(state.Logger, sequence, "corrupt body");
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ServiceResponses.JsonContentType;
            response.Headers.ContentEncoding = encoding;
            await response.Body.WriteAsync(CorruptBody(encoding), cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private static string OddBody(OddErrorBody shape, int code, string message)
    {
        var text = JsonSerializer.Serialize(message, EmulatorJsonContext.Wire.String);
        var number = code.ToString(CultureInfo.InvariantCulture);
        return shape switch
        {
            OddErrorBody.CodeAsString => $"{{\"error_code\":\"{number}\",\"error_msg\":{text}}}",
            OddErrorBody.CodeAsFloat => $"{{\"error_code\":{number}.0,\"error_msg\":{text}}}",
            OddErrorBody.MessageNotAString => $"{{\"error_code\":{number},\"error_msg\":{number}}}",
            OddErrorBody.MessageWithoutCode => $"{{\"error_msg\":{text}}}",
            OddErrorBody.V2ErrorString => $"{{\"error\":{text}}}",
            _ => V2ObjectBody(V2.V2ErrorMapping.From(new ServiceError(code, message))),
        };
    }

    private static string V2ObjectBody(V2.V2Error error) =>
        JsonSerializer.Serialize(new V2.V2ErrorBody(new V2.V2ErrorDetail(error.Code, error.Message, error.Type), AnswerId.NewTurnId()), EmulatorJsonContext.Wire.V2ErrorBody);

    /// <summary>Bytes that claim <paramref name="encoding"/> and do not decode: gzip's or zlib's header then junk; for Brotli plain text.</summary>
    private static byte[] CorruptBody(string encoding)
    {
        var junk = "this is not compressed, whatever Content-Encoding says"u8;
        return encoding switch
        {
            "gzip" => [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff, .. junk],
            "deflate" => [0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, .. junk],
            _ => junk.ToArray(),
        };
    }
}
