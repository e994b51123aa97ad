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
            var completion = await ResponseReader.ReadJsonAsync(response, QianfanJsonContext.Default.ChatCompletion, ThrowIfError, attemptToken).ConfigureAwait(false);
            completion.RequestId = ResponseReader.GetRequestId(response) ?? completion.Id;
            return completion;
        }
    }

    /// <summary>Throws the V2 error in <paramref name="body"/>, or a generic error for a failed status or a body that is not JSON.</summary>
    public static void ThrowIfError(ReadOnlySpan<byte> body, HttpResponseMessage response)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            ResponseReader.ThrowIfError(body, response);
        }

        if (TryReadError(trimmed) is { Error: { } error } envelope)
        {
            throw ResponseReader.Fail(response, ResponseReader.GetRequestId(response) ?? envelope.Id, null, error.Message ?? "(no message)", errorName: error.Code ?? error.Type);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw ResponseReader.Fail(response, ResponseReader.GetRequestId(response), null, $"the service answered HTTP {(int)response.StatusCode} without an error body");
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

        var chunk = JsonSerializer.Deserialize(trimmed, QianfanJsonContext.Default.ChatCompletionChunk);
        return chunk is { Error: { } error }
            ? new StreamEvent<ChatCompletionChunk>(null, new StreamError(null, error.Code ?? error.Type, error.Message ?? "(no message)"), false)
            : new StreamEvent<ChatCompletionChunk>(chunk, null, false);
    }
}
