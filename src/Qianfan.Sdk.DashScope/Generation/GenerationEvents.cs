using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Core.Streaming;
using Qianfan.Sdk.DashScope.Protocol;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// DashScope's stream events: <c>event:result</c> carries a chunk, <c>event:error</c> (inside an HTTP 200) an error
/// body, as does any event whose data is one; <c>event:done</c> and events without <c>output</c> are skipped. There is no
/// end marker: the event whose <c>finish_reason</c> is not <c>"null"</c> is the last.
/// </summary>
internal static class GenerationEvents
{
    public static readonly SseItemParser<StreamEvent<GenerationChunk>> Parser = static (type, data) => Parse(type, data);

    private static StreamEvent<GenerationChunk> Parse(string type, ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty || type == "done")
        {
            return default;
        }

        if (type == "error" || ErrorBody.TryRead(trimmed) is not null)
        {
            return StreamEvent<GenerationChunk>.Error(trimmed);
        }

        var chunk = JsonSerializer.Deserialize(trimmed, GenerationJsonContext.Default.GenerationChunk);
        return chunk is { OutputOrNull: not null } ? StreamEvent<GenerationChunk>.Of(chunk, chunk.IsLast) : default;
    }
}
