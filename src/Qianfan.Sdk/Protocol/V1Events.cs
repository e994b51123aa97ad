using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Core.Streaming;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// V1's stream events, for any V1 family that streams: each <c>data:</c> is a piece or an <c>error_code</c>
/// envelope, and the piece with <c>is_end</c> is the last. One parser per piece type, made once.
/// </summary>
internal static class V1Events
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, object> Parsers = new();

    public static SseItemParser<StreamEvent<T>> Parser<T>(JsonTypeInfo<T> typeInfo)
        where T : Core.ServiceResult, IV1StreamItem =>
        (SseItemParser<StreamEvent<T>>)Parsers.GetOrAdd(typeInfo, static info => (SseItemParser<StreamEvent<T>>)((_, data) => Parse(data, (JsonTypeInfo<T>)info)));

    /// <summary>
    /// Whether an event that read as a piece is an error envelope of another shape: V1's <c>error_msg</c> without a
    /// code, V2's <c>error</c>, BCE's <c>{code, message}</c>. None of those keys is a piece's own, so they land in its
    /// <see cref="Core.ServiceResult.AdditionalProperties"/>: an ordinary piece, which has none, is told apart in
    /// its one deserializing pass, and only a piece with unknown fields has its bytes scanned again.
    /// </summary>
    internal static bool IsError(Core.ServiceResult item, ReadOnlySpan<byte> data) =>
        item.AdditionalProperties is { Count: > 0 } && ErrorEnvelope.TryRead(data) is not null;

    private static StreamEvent<T> Parse<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo)
        where T : Core.ServiceResult, IV1StreamItem
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        T? item;
        try
        {
            item = JsonSerializer.Deserialize(data, typeInfo);
        }
        catch (JsonException) when (ErrorEnvelope.TryRead(data) is not null)
        {
            // An error event whose other members do not fit a piece's types is still an error event, with its code.
            return StreamEvent<T>.Error(data);
        }

        return item switch
        {
            null => default,
            { ErrorCode: not null } => StreamEvent<T>.Error(data),
            _ when IsError(item, data) => StreamEvent<T>.Error(data),
            _ => StreamEvent<T>.Of(item, item.IsEnd),
        };
    }
}
