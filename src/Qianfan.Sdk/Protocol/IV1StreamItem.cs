using System.Text.Json;

namespace Qianfan.Sdk.Protocol;

/// <summary>What V1's streams (chat, completions) have in common: a last piece marked <c>is_end</c>, and error events.</summary>
internal interface IV1StreamItem
{
    /// <summary>Whether this is the stream's last piece.</summary>
    bool IsEnd { get; }

    /// <summary>The <c>error_code</c> of an error event, read as any JSON value; null on a normal piece.</summary>
    JsonElement? ErrorCode { get; }
}
