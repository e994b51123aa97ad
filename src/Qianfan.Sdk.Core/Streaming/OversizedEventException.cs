namespace Qianfan.Sdk.Core.Streaming;

/// <summary>
/// A stream's line or event grew past what <see cref="EventReader"/> holds. Never leaves the SDK: the event stream
/// turns it into the profile's malformed-answer error.
/// </summary>
internal sealed class OversizedEventException(int limit)
    : Exception($"the stream carried a line or event longer than {limit / (1024 * 1024)} MiB")
{
}
