namespace Qianfan.Sdk.Core;

/// <summary>How an API's event stream separates its events.</summary>
internal enum StreamFraming
{
    /// <summary>Server-sent events as the standard has them: an event ends at a blank line (Qianfan, Zhipu).</summary>
    ServerSentEvents,

    /// <summary>
    /// Every <c>data:</c> line is an event of its own, the <c>event:</c> line before it naming its type. DashScope sends
    /// some streams without the blank lines between events, which a standard parser would merge into one event.
    /// </summary>
    DataLines,
}
