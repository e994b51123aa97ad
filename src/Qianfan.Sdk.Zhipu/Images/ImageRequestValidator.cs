using System.Globalization;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Protocol;
using static Qianfan.Sdk.Zhipu.Protocol.ParameterRules;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>CogView's documented rules for a generation, checked before sending.</summary>
internal static class ImageRequestValidator
{
    public const int MinSide = 512;
    public const int MaxSide = 2048;
    public const int SideMultiple = 16;
    public const int MaxPixels = 1 << 21;

    /// <exception cref="ZhipuValidationException">A rule is broken.</exception>
    public static void Validate(ImageGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw Fail("prompt", "prompt must not be empty");
        }

        if (request.Size is { } size)
        {
            CheckSize(size);
        }

        if (request.Quality is { } quality)
        {
            if (quality is not ("hd" or "standard"))
            {
                throw Fail("quality", $"quality must be hd or standard, was '{quality}'");
            }

            if (request.Model.StartsWith("cogview-3", StringComparison.OrdinalIgnoreCase))
            {
                throw Fail("quality", $"quality is taken by the CogView-4 models (cogview-4-250304), not by {request.Model}");
            }
        }

        CheckLength("user_id", request.UserId, 6, 128);
        if (request.RequestId is { } requestId && string.IsNullOrWhiteSpace(requestId))
        {
            throw Fail("request_id", "request_id must not be empty when set");
        }

        AdditionalFields.Validate(request.ExtraFields, ImagesJsonContext.Default.ImageGenerationRequestBody);
    }

    private static void CheckSize(string size)
    {
        var parts = size.Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            throw Fail("size", $"size must be WIDTHxHEIGHT in pixels, e.g. 1024x1024, was '{size}'");
        }

        if (width is < MinSide or > MaxSide || height is < MinSide or > MaxSide)
        {
            throw Fail("size", $"size must have both sides from {MinSide} to {MaxSide} pixels, was {size}");
        }

        if (width % SideMultiple != 0 || height % SideMultiple != 0)
        {
            throw Fail("size", $"size must have both sides divisible by {SideMultiple}, was {size}");
        }

        if ((long)width * height > MaxPixels)
        {
            throw Fail("size", $"size must be at most {MaxPixels} pixels (2^21) in all, was {size} ({(long)width * height})");
        }
    }
}
