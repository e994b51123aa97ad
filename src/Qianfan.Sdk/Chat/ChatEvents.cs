using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Core.Streaming;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>V1's stream events: each <c>data:</c> is a chunk or an <c>error_code</c> envelope; the last chunk has <c>is_end</c>.</summary>
internal static class ChatEvents
{
    public static readonly SseItemParser<StreamEvent<ChatChunk>> Parser = static (_, data) => Parse(data);

    private static StreamEvent<ChatChunk> Parse(ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        ChatChunk? chunk;
        try
        {
            chunk = JsonSerializer.Deserialize(data, ChatJsonContext.Default.ChatChunk);
        }
        catch (JsonException) when (ErrorEnvelope.TryRead(data) is not null)
        {
            // An error event whose other members do not fit a chunk's types is still an error event, with its code.
            return StreamEvent<ChatChunk>.Error(data);
        }

        return chunk switch
        {
            null => default,
            { ErrorCode: not null } => StreamEvent<ChatChunk>.Error(data),
            _ => StreamEvent<ChatChunk>.Of(chunk, chunk.IsEnd),
        };
    }
}
