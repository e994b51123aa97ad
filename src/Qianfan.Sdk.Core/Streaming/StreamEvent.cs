namespace Qianfan.Sdk.Core.Streaming;

/// <summary>
/// One parsed <c>data:</c> payload: an item (possibly the last, as V1's <c>is_end</c> marks it), the end marker
/// (<c>[DONE]</c>), an error event (its bytes, for the profile's decoder), or nothing (an empty event).
/// </summary>
internal readonly record struct StreamEvent<T>(T? Item, bool IsLast, bool IsDone, byte[]? ErrorBody)
    where T : class
{
    public static StreamEvent<T> Done => new(null, false, true, null);

    public static StreamEvent<T> Of(T item, bool isLast = false) => new(item, isLast, false, null);

    public static StreamEvent<T> Error(ReadOnlySpan<byte> body) => new(null, false, false, body.ToArray());
}
