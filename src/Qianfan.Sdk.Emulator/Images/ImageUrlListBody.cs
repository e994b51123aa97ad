namespace Qianfan.Sdk.Emulator.Images;

/// <summary>A V2 image-generation answer: <c>{id, created, data:[{url}]}</c>.</summary>
internal sealed class ImageUrlListBody
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required IReadOnlyList<ImageUrlBody> Data { get; init; }
}
