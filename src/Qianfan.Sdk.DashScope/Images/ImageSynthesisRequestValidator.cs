using System.Globalization;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Protocol;
using static Qianfan.Sdk.DashScope.Protocol.Rules;

namespace Qianfan.Sdk.DashScope.Images;

/// <summary>The documented rules of an image-synthesis body, checked before sending.</summary>
internal static class ImageSynthesisRequestValidator
{
    /// <exception cref="DashScopeValidationException">A rule is broken.</exception>
    public static void Validate(ImageSynthesisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw Fail("input.prompt", "input.prompt must not be empty");
        }

        if (request.RefImage is { } reference && (!reference.IsAbsoluteUri || reference.Scheme is not ("http" or "https")))
        {
            throw Fail("input.ref_img", $"input.ref_img must be an http or https URL, was '{reference}'");
        }

        if (request.Style is { } style && !ImageStyles.All.Contains(style, StringComparer.Ordinal))
        {
            throw Fail("parameters.style", $"parameters.style must be one of {string.Join(", ", ImageStyles.All)}, was '{style}'");
        }

        if (request.Size is { } size)
        {
            ValidateSize(size);
        }

        Range("parameters.n", request.N, 1, 4);
        AtLeast("parameters.seed", request.Seed, 0);
        Range("parameters.ref_strength", request.RefStrength, 0, 1);
        if (request.RefMode is { } mode && mode is not ("repaint" or "refonly"))
        {
            throw Fail("parameters.ref_mode", $"parameters.ref_mode must be repaint or refonly, was '{mode}'");
        }

        if ((request.RefStrength is not null || request.RefMode is not null) && request.RefImage is null)
        {
            throw Fail(request.RefMode is not null ? "parameters.ref_mode" : "parameters.ref_strength", "parameters.ref_strength and parameters.ref_mode need input.ref_img: set RefImage");
        }

        ExtraParameters.Validate(request.ExtraParameters, ImagesJsonContext.Default.ImageSynthesisParametersBody, "AdditionalParameters", "parameters");
    }

    private static void ValidateSize(string size)
    {
        var parts = size.Split('*');
        if (parts.Length == 2 && Side(parts[0]) && Side(parts[1]))
        {
            return;
        }

        var hint = size.Contains('x', StringComparison.OrdinalIgnoreCase) ? $" (DashScope writes sizes with '*', e.g. '{size.Replace('x', '*').Replace('X', '*')}', not 'x')" : "";
        throw Fail("parameters.size", $"parameters.size must be width*height, e.g. 1024*1024, was '{size}'{hint}");
    }

    private static bool Side(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0;
}
