namespace Qianfan.Sdk.Emulator.Images;

/// <summary>One V2 image: where to fetch it.</summary>
internal sealed record ImageUrlBody(string Url);
