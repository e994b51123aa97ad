using System.Text.Json.Nodes;

namespace Qianfan.Sdk.Images;

/// <summary>Pictures from a prompt with V2 (<c>/v2/images/generations</c>): the images come back as addresses.</summary>
public sealed class ImageGenerationRequest
{
    /// <summary>The model used when none is named: <c>irag-1.0</c>.</summary>
    public const string DefaultModel = "irag-1.0";

    /// <summary>A request to <paramref name="model"/> (<c>irag-1.0</c>, <c>musesteamer-air-image</c>, <c>qwen-image</c> …).</summary>
    public ImageGenerationRequest(string prompt, string model = DefaultModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
        Prompt = prompt;
    }

    /// <summary>The model id.</summary>
    public string Model { get; }

    /// <summary>What to draw (<c>prompt</c>); must not be empty.</summary>
    public string Prompt { get; set; }

    /// <summary>The size as <c>WIDTHxHEIGHT</c> (<c>size</c>), e.g. <c>1024x1024</c>.</summary>
    public string? Size { get; set; }

    /// <summary>How many images (<c>n</c>), in [1, 4].</summary>
    public int? N { get; set; }

    /// <summary>A seed for repeatable images (<c>seed</c>).</summary>
    public long? Seed { get; set; }

    /// <summary>Top-level body fields the SDK does not model yet, sent as given; a name the SDK sends itself is rejected.</summary>
    public IDictionary<string, JsonNode?> AdditionalProperties => ExtraFields ??= new JsonObject();

    internal JsonObject? ExtraFields { get; private set; }
}
