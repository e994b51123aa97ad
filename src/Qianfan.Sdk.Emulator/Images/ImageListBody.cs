using Qianfan.Sdk.Emulator.Areas;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>A V1 text-to-image answer: the images as base64 PNG files, with the prompt's tokens.</summary>
internal sealed class ImageListBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "image";

    public required long Created { get; init; }

    public required IReadOnlyList<ImageItemBody> Data { get; init; }

    public required PromptUsageBody Usage { get; init; }
}
