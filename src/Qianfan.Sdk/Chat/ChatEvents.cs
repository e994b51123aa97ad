using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>V1's stream events: each <c>data:</c> is a chunk or an <c>error_code</c> envelope; the end is <c>is_end</c>.</summary>
internal static class ChatEvents
{
    public static readonly SseItemParser<StreamEvent<ChatChunk>> Parser = static (_, data) => Parse(data);

    public static ValueTask<EventStream<ChatChunk>> OpenAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken callerToken) =>
        EventStream<ChatChunk>.OpenAsync(response, Parser, ResponseReader.ThrowIfError, attemptToken, callerToken);

    private static StreamEvent<ChatChunk> Parse(ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        var chunk = JsonSerializer.Deserialize(data, QianfanJsonContext.Default.ChatChunk);
        if (chunk is not { ErrorCode: { } code })
        {
            return new StreamEvent<ChatChunk>(chunk, null, false);
        }

        var message = JsonSerializer.Deserialize(data, QianfanJsonContext.Default.ErrorEnvelope)?.ErrorMessage;
        return new StreamEvent<ChatChunk>(null, new StreamError(code, null, message ?? "(no message)"), false);
    }
}
