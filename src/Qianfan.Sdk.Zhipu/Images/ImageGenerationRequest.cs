using System.Text.Json.Nodes;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>A picture from a prompt with CogView (<c>POST /images/generations</c>); it comes back as a URL, valid 30 days.</summary>
public sealed class ImageGenerationRequest
{
    /// <summary>The model used when none is named: <c>cogview-3-flash</c>.</summary>
    public const string DefaultModel = "cogview-3-flash";

    /// <summary>The size the service draws when none is given.</summary>
    public const string DefaultSize = "1024x1024";

    /// <summary>A request for <paramref name="prompt"/> to <paramref name="model"/> (<c>cogview-3</c>, <c>cogview-3-flash</c>, <c>cogview-4</c>, <c>cogview-4-250304</c> …).</summary>
    public ImageGenerationRequest(string prompt, string model = DefaultModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
        Prompt = prompt;
    }

    /// <summary>The model code.</summary>
    public string Model { get; }

    /// <summary>What to draw (<c>prompt</c>); must not be empty.</summary>
    public string Prompt { get; set; }

    /// <summary>
    /// The size as <c>WIDTHxHEIGHT</c> (<c>size</c>, default 1024x1024): the recommended 1024x1024, 768x1344, 864x1152,
    /// 1344x768, 1152x864, 1440x720, 720x1440, or any with both sides 512 to 2048 pixels, divisible by 16, and at most
    /// 2,097,152 (2²¹) pixels in all.
    /// </summary>
    public string? Size { get; set; }

    /// <summary><c>hd</c> (finer, slower) or <c>standard</c> (<c>quality</c>, the default); CogView-4 models only.</summary>
    public string? Quality { get; set; }

    /// <summary>Whether the image carries the service's watermark (<c>watermark_enabled</c>).</summary>
    public bool? WatermarkEnabled { get; set; }

    /// <summary>The end user's id (<c>user_id</c>), 6 to 128 characters.</summary>
    public string? UserId { get; set; }

    /// <summary>Your id for the request (<c>request_id</c>); the service makes one when none is given.</summary>
    public string? RequestId { get; set; }

    /// <summary>Top-level body fields the SDK does not model, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
