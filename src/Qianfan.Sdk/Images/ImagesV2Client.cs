using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Images;

/// <summary>
/// V2 images (<c>/v2/images/generations</c>): pictures from a prompt, returned as addresses. Get it from
/// <see cref="QianfanClient.ImagesV2"/>; V1's is <see cref="ImagesClient"/>. Methods are virtual so tests can
/// substitute the client.
/// </summary>
public class ImagesV2Client
{
    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ImagesV2Client()
    {
    }

    internal ImagesV2Client(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Images");
    }

    /// <summary>Draws the prompt and returns where to fetch the images.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ImageRequestValidator.Validate(request);
        var api = _api ?? throw new InvalidOperationException("This ImagesV2Client was made for mocking and cannot send.");
        var body = JsonBody.Serialize(ImageGenerationRequestBody.From(request), ImagesJsonContext.Default.ImageGenerationRequestBody, request.ExtraFields);
        return api.Pipeline.SendAsync(
            new ApiCall(HttpMethod.Post, api.V2Url("/v2/images/generations"), body, "generate_content", "v2/images/generations", request.Model, false, _logger!),
            ImagesJsonContext.Default.ImageGenerationResponse,
            cancellationToken);
    }
}
