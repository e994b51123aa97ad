using System.Globalization;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Protocol.ParameterRules;

namespace Qianfan.Sdk.Images;

/// <summary>The documented rules of the image bodies, checked before sending.</summary>
internal static class ImageRequestValidator
{
    private const int MaxPromptCharacters = 1024;

    /// <exception cref="QianfanValidationException">A rule is broken.</exception>
    public static void Validate(Text2ImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Prompt("prompt", request.Prompt, required: true);
        Prompt("negative_prompt", request.NegativePrompt, required: false);
        if (request.Size is { } size && !Text2ImageRequest.Sizes.Contains(size, StringComparer.Ordinal))
        {
            throw Fail("size", $"size must be one of {string.Join(", ", Text2ImageRequest.Sizes)}, was '{size}'");
        }

        Count(request.N);
        if (request.Steps is { } steps && steps is < 10 or > 50)
        {
            throw Fail("steps", $"steps must be in [10, 50], was {steps}");
        }

        if (request.Seed is { } seed && seed is < 0 or > uint.MaxValue)
        {
            throw Fail("seed", $"seed must be in [0, 4294967295], was {seed}");
        }

        CheckRange("cfg_scale", request.CfgScale, 0, 30, lowerOpen: true);
        AdditionalFields.Validate(request.ExtraFields, ImagesJsonContext.Default.Text2ImageRequestBody);
    }

    /// <exception cref="QianfanValidationException">A rule is broken.</exception>
    public static void Validate(ImageGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw Fail("prompt", "prompt must not be empty");
        }

        if (request.Size is { } size && !IsSize(size))
        {
            throw Fail("size", $"size must be WIDTHxHEIGHT in pixels, e.g. 1024x1024, was '{size}'");
        }

        Count(request.N);
        AdditionalFields.Validate(request.ExtraFields, ImagesJsonContext.Default.ImageGenerationRequestBody);
    }

    private static void Prompt(string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                throw Fail(field, $"{field} must not be empty");
            }

            return;
        }

        if (CountCharacters(text) is var length && length > MaxPromptCharacters)
        {
            throw Fail(field, $"{field} must be at most {MaxPromptCharacters} characters, was {length}");
        }
    }

    private static void Count(int? n)
    {
        if (n is { } count && count is < 1 or > 4)
        {
            throw Fail("n", $"n must be in [1, 4], was {count}");
        }
    }

    private static bool IsSize(string size) =>
        size.Split('x') is [var width, var height]
        && int.TryParse(width, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0
        && int.TryParse(height, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h > 0;
}
