using System.Text.Json.Nodes;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Images;

/// <summary>
/// A picture from a prompt (V1 <c>text2image/sd_xl</c>, Stable Diffusion XL): the images come back as PNG bytes.
/// Unset parameters are not sent; the documented ranges are checked before sending.
/// </summary>
public sealed class Text2ImageRequest
{
    /// <summary>The documented sizes (<c>size</c>): 768x768, 768x1024, 1024x768, 576x1024, 1024x576 and 1024x1024 (the default).</summary>
    public static readonly IReadOnlyList<string> Sizes = ["768x768", "768x1024", "1024x768", "576x1024", "1024x576", "1024x1024"];

    /// <summary>A request to Stable Diffusion XL (<c>sd_xl</c>).</summary>
    public Text2ImageRequest(string prompt)
    {
        Prompt = prompt;
    }

    /// <summary>A request to a text-to-image service you deployed (<see cref="ModelSpec.ForCustomEndpoint"/>).</summary>
    public Text2ImageRequest(ModelSpec endpoint, string prompt)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        Prompt = prompt;
    }

    internal ModelSpec? Endpoint { get; }

    /// <summary>What to draw (<c>prompt</c>): not empty, at most 1,024 characters.</summary>
    public string Prompt { get; set; }

    /// <summary>What not to draw (<c>negative_prompt</c>), at most 1,024 characters.</summary>
    public string? NegativePrompt { get; set; }

    /// <summary>The size, one of <see cref="Sizes"/> (<c>size</c>); the service's default is 1024x1024.</summary>
    public string? Size { get; set; }

    /// <summary>How many images (<c>n</c>), in [1, 4]; the default is 1.</summary>
    public int? N { get; set; }

    /// <summary>Sampling steps (<c>steps</c>), in [10, 50]; the default is 20.</summary>
    public int? Steps { get; set; }

    /// <summary>The sampler (<c>sampler_index</c>), e.g. <c>Euler a</c> or <c>DPM++ 2M Karras</c>.</summary>
    public string? SamplerIndex { get; set; }

    /// <summary>A seed for repeatable images (<c>seed</c>), in [0, 4294967295].</summary>
    public long? Seed { get; set; }

    /// <summary>How closely to follow the prompt (<c>cfg_scale</c>), in (0, 30]; the default is 5.</summary>
    public float? CfgScale { get; set; }

    /// <summary>The style (<c>style</c>), e.g. <c>Base</c>, <c>Anime</c>, <c>Photographic</c>.</summary>
    public string? Style { get; set; }

    /// <summary>The end user's id (<c>user_id</c>).</summary>
    public string? UserId { get; set; }

    /// <summary>Top-level body fields the SDK does not model yet, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
