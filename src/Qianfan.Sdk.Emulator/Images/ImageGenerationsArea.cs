using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>
/// V2 image generation (<c>/v2/images/generations</c>): a known model, a prompt, <c>size</c> as <c>WIDTHxHEIGHT</c>
/// (each side in [1, 2048], default 1024x1024), <c>n</c> in [1, 4]; answered with URLs the emulator serves itself
/// (<see cref="ImageFileEndpoint"/>).
/// </summary>
internal sealed class ImageGenerationsArea(EmulatorState state) : IV2Area
{
    /// <summary>The generation models of the V2 docs.</summary>
    public static readonly FrozenSet<string> Models = new[] { "irag-1.0", "musesteamer-air-image", "qwen-image" }.ToFrozenSet(StringComparer.Ordinal);

    public string Path => AreaPaths.V2ImageGenerations;

    public AreaCall? Read(JsonElement body, out V2Error? error)
    {
        var model = AreaBody.String(body, "model", out _);
        var prompt = AreaBody.String(body, "prompt", out _);
        var size = AreaBody.String(body, "size", out _);
        var n = AreaBody.Integer(body, "n");
        var seed = AreaBody.Integer(body, "seed");
        error = string.IsNullOrEmpty(model) ? V2Error.ModelEmpty()
            : !Models.Contains(model) ? V2Error.UnknownModel()
            : string.IsNullOrEmpty(prompt) ? V2Error.InvalidArgument("prompt must not be empty")
            : !AreaBody.IsAbsent(body, "size") && !ImageSize.TryParse(size, out _, out _) ? V2Error.InvalidArgument("size must be WIDTHxHEIGHT, each side in [1, 2048]")
            : !AreaBody.IsAbsent(body, "n") && n is not (>= 1 and <= 4) ? V2Error.InvalidArgument("n must be an integer in range [1, 4]")
            : !AreaBody.IsAbsent(body, "seed") && seed is null ? V2Error.InvalidArgument("seed must be an integer")
            : AreaBody.CheckUser(body, "user") is { } user ? V2Error.InvalidArgument(user)
            : null;
        if (error is not null)
        {
            return null;
        }

        var (width, height) = ImageSize.Of(size);
        var seedText = seed?.ToString(CultureInfo.InvariantCulture);
        return new ImageGenerationCall(state, prompt!, (int)(n ?? 1), i => new ImageFile(width, height, ImageRenderer.Seed(i, model, prompt, seedText)));
    }
}
