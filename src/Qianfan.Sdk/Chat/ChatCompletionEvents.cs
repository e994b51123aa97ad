using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Core.Streaming;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>V2's stream events: each <c>data:</c> is a chunk or an <c>{"error":…}</c> envelope; the stream ends with <c>data: [DONE]</c>.</summary>
internal static class ChatCompletionEvents
{
    public static readonly SseItemParser<StreamEvent<ChatCompletionChunk>> Parser = static (_, data) => Parse(data);

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
            { Error: not null } or { ErrorCode: not null } => StreamEvent<ChatCompletionChunk>.Error(trimmed),
            _ when V1Events.IsError(chunk, trimmed) => StreamEvent<ChatCompletionChunk>.Error(trimmed),
            _ => StreamEvent<ChatCompletionChunk>.Of(chunk),
        };
    }
}
