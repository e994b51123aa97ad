namespace Qianfan.Sdk.Http;

/// <summary>One parsed <c>data:</c> payload: an item, an error, the end marker, or nothing (an empty event).</summary>
internal readonly record struct StreamEvent<T>(T? Item, StreamError? Error, bool IsDone)
    where T : class
{
    public static StreamEvent<T> Done => new(null, null, true);
}
