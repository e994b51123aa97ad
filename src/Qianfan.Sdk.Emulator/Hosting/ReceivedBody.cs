namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>The request body, read once while recording and handed to the endpoint as an HTTP feature.</summary>
internal sealed class ReceivedBody(byte[] bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}
