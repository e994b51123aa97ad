using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Core.Streaming;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// The stream's events: each <c>data:</c> is a chunk, or an error (a JSON with an <c>error</c> key, or an
/// <c>event: error</c>), and the stream ends with <c>data: [DONE]</c>; one that ends without it was cut.
/// </summary>
internal static class ChatCompletionEvents
{
    public static readonly SseItemParser<StreamEvent<ChatCompletionChunk>> Parser = static (type, data) => Parse(type, data);

    private static StreamEvent<ChatCompletionChunk> Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return default;
        }

        if (trimmed.StartsWith("[DONE]"u8))
        {
            return StreamEvent<ChatCompletionChunk>.Done;
        }

        if (eventType == "error")
        {
            return StreamEvent<ChatCompletionChunk>.Error(trimmed);
        }

        ChatCompletionChunk? chunk;
        try
        {
            chunk = JsonSerializer.Deserialize(trimmed, ChatJsonContext.Default.ChatCompletionChunk);
        }
        catch (JsonException) when (ErrorEnvelope.TryRead(trimmed) is not null)
        {
            // An error event whose other members do not fit a chunk's types is still an error event, with its code.
            return StreamEvent<ChatCompletionChunk>.Error(trimmed);
        }

        return chunk switch
        {
            null => default,
            { Error: { ValueKind: not JsonValueKind.Null } } => StreamEvent<ChatCompletionChunk>.Error(trimmed),
            _ => StreamEvent<ChatCompletionChunk>.Of(chunk),
        };
    }
}
