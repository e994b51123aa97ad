using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>
/// CogView images (<c>POST /images/generations</c>): a picture from a prompt, returned as a URL. Get it from
/// <c>ZhipuClient.Images</c>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ImagesClient
{
    internal const string Path = "/images/generations";

    private readonly ZhipuApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ImagesClient()
    {
    }

    internal ImagesClient(ZhipuApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Images");
    }

    /// <summary>Draws the prompt and returns where to fetch the image.</summary>
    /// <exception cref="ZhipuValidationException">The request breaks one of the documented rules (its size, for one); nothing was sent.</exception>
    /// <exception cref="ZhipuException">The service reported an error.</exception>
    public virtual Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ImageRequestValidator.Validate(request);
        var api = _api ?? throw new InvalidOperationException("This ImagesClient was made for mocking and cannot send.");
        var body = JsonBody.Serialize(ImageGenerationRequestBody.From(request), ImagesJsonContext.Default.ImageGenerationRequestBody, request.ExtraFields);
        return api.Pipeline.SendAsync(
            new ApiCall(HttpMethod.Post, api.Url(Path), body, "generate_content", "images/generations", request.Model, false, _logger!),
            ImagesJsonContext.Default.ImageGenerationResponse,
            cancellationToken);
    }
}
