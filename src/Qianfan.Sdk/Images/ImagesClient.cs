using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Images;

/// <summary>
/// V1 images (图像, <c>text2image/sd_xl</c>): pictures from a prompt, returned as PNG bytes. Get it from
/// <see cref="QianfanClient.Images"/>; V2's is <see cref="ImagesV2Client"/>. Methods are virtual so tests can
/// substitute the client.
/// </summary>
public class ImagesClient
{
    private const string DefaultEndpoint = "sd_xl";

    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ImagesClient()
    {
    }

    internal ImagesClient(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Images");
    }

    /// <summary>Draws the prompt and returns the images' bytes.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<Text2ImageResponse> GenerateAsync(Text2ImageRequest request, CancellationToken cancellationToken = default)
    {
        ImageRequestValidator.Validate(request);
        var api = _api ?? throw new InvalidOperationException("This ImagesClient was made for mocking and cannot send.");
        var endpoint = request.Endpoint?.Endpoint ?? DefaultEndpoint;
        var body = JsonBody.Serialize(Text2ImageRequestBody.From(request), ImagesJsonContext.Default.Text2ImageRequestBody, request.ExtraFields);
        return api.Pipeline.SendAsync(
            new ApiCall(HttpMethod.Post, api.V1Url("text2image", endpoint), body, "generate_content", "text2image/" + endpoint, request.Endpoint?.Name ?? "Stable-Diffusion-XL", false, _logger!),
            ImagesJsonContext.Default.Text2ImageResponse,
            cancellationToken);
    }
}
