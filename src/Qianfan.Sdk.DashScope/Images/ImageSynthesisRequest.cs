using System.Text.Json.Nodes;

namespace Qianfan.Sdk.DashScope.Images;

/// <summary>
/// A Wanx text-to-image task (<c>POST /services/aigc/text2image/image-synthesis</c>, asynchronous): the prompt and the
/// optional parameters; unset ones are not sent. Checked before sending (<see cref="Errors.DashScopeValidationException"/>).
/// </summary>
public sealed class ImageSynthesisRequest
{
    /// <summary>The model used when none is named.</summary>
    public const string DefaultModel = "wanx-v1";

    /// <summary>A task drawing <paramref name="prompt"/> with <paramref name="model"/>.</summary>
    public ImageSynthesisRequest(string prompt, string model = DefaultModel)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Prompt = prompt;
        Model = model;
    }

    /// <summary>The model, e.g. <c>wanx-v1</c>.</summary>
    public string Model { get; }

    /// <summary>What to draw (<c>input.prompt</c>).</summary>
    public string Prompt { get; }

    /// <summary>What not to draw (<c>input.negative_prompt</c>).</summary>
    public string? NegativePrompt { get; set; }

    /// <summary>A reference image to follow (<c>input.ref_img</c>), an http(s) URL.</summary>
    public Uri? RefImage { get; set; }

    /// <summary>The style (<c>parameters.style</c>), one of <see cref="ImageStyles"/>; <c>&lt;auto&gt;</c> by default.</summary>
    public string? Style { get; set; }

    /// <summary>The size (<c>parameters.size</c>), written <c>width*height</c> with a <c>*</c>, e.g. <c>1024*1024</c> (the default).</summary>
    public string? Size { get; set; }

    /// <summary>How many images (<c>parameters.n</c>), in [1, 4].</summary>
    public int? N { get; set; }

    /// <summary>A seed for repeatable images (<c>parameters.seed</c>), in [0, 2³¹ − 1].</summary>
    public int? Seed { get; set; }

    /// <summary>How closely to follow <see cref="RefImage"/> (<c>parameters.ref_strength</c>), in [0, 1].</summary>
    public float? RefStrength { get; set; }

    /// <summary>How to use <see cref="RefImage"/> (<c>parameters.ref_mode</c>): <c>repaint</c> or <c>refonly</c>.</summary>
    public string? RefMode { get; set; }

    /// <summary>Fields of <c>parameters</c> the SDK does not model, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalParameters => ExtraParameters ??= new JsonObject();

    internal JsonObject? ExtraParameters { get; private set; }
}
