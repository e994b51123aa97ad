using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.V2;

/// <summary>
/// Reads V2 answers: errors come as <c>{"error":{"code","message","type"},"id"}</c> with an HTTP error status, and a
/// stream ends with <c>data: [DONE]</c>.
/// </summary>
internal static class V2Responses
{
    public static readonly SseItemParser<StreamEvent<ChatCompletionChunk>> Parser = static (_, data) => Parse(data);

    public static ValueTask<EventStream<ChatCompletionChunk>> OpenStreamAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken callerToken) =>
        EventStream<ChatCompletionChunk>.OpenAsync(response, Parser, ThrowIfError, attemptToken, callerToken);

    public static async ValueTask<ChatCompletion> ReadCompletionAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken callerToken)
    {
        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
            var requestId = ResponseReader.GetRequestId(response);
            ThrowIfError(bytes, response, requestId);
            try
            {
                var completion = JsonSerializer.Deserialize(bytes, QianfanJsonContext.Default.ChatCompletion)
                    ?? throw ResponseReader.Fail(response, requestId, null, "the service answered an empty JSON body");
                completion.RequestId = requestId ?? completion.Id;
                return completion;
            }
            catch (JsonException ex)
            {
                throw ResponseReader.Fail(response, requestId, null, "the service's answer is not valid JSON", ex);
            }
        }
    }

    /// <summary>Throws the V2 error in <paramref name="body"/>, or a generic error for a failed status or a body that is not JSON.</summary>
    public static void ThrowIfError(byte[] body, HttpResponseMessage response, string? requestId)
    {
        var trimmed = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            ResponseReader.ThrowIfError(body, response, requestId);
        }

        if (TryReadError(trimmed) is { Error: { } error } envelope)
        {
            throw ResponseReader.Fail(response, requestId ?? envelope.Id, null, error.Message ?? "(no message)", errorName: error.Code ?? error.Type);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw ResponseReader.Fail(response, requestId, null, $"the service answered HTTP {(int)response.StatusCode} without an error body");
        }
    }

    private static V2ErrorEnvelope? TryReadError(ReadOnlySpan<byte> json)
    {
        // A cheap scan first; the text may still name the key inside a string, so only a real "error" object counts.
        if (json.IndexOf("\"error\""u8) < 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, QianfanJsonContext.Default.V2ErrorEnvelope) is { Error: not null } envelope ? envelope : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StreamEvent<ChatCompletionChunk> Parse(ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return default;
        }

        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            return StreamEvent<ChatCompletionChunk>.Done;
        }

        return TryReadError(trimmed) is { Error: { } error }
            ? new StreamEvent<ChatCompletionChunk>(null, new StreamError(null, error.Code ?? error.Type, error.Message ?? "(no message)"), false)
            : new StreamEvent<ChatCompletionChunk>(JsonSerializer.Deserialize(trimmed, QianfanJsonContext.Default.ChatCompletionChunk), null, false);
    }
}
