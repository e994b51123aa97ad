using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>A valid V2 generation: one URL per image, on the host the call was made to, each a PNG the emulator draws when fetched.</summary>
internal sealed class ImageGenerationCall(EmulatorState state, string prompt, int count, Func<int, ImageFile> file)
    : AreaCall(TokenEstimator.Count(prompt))
{
    public override AreaAnswer Answer(HttpContext context)
    {
        var request = context.Request;
        var origin = $"{request.Scheme}://{request.Host}";
        return AreaAnswer.Json(
            new ImageUrlListBody
            {
                Id = AnswerId.NewTurnId(),
                Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
                Data = [.. Enumerable.Range(0, count).Select(i => new ImageUrlBody(origin + AreaPaths.ImageFilesPrefix + file(i).Name))],
            },
            AreasJsonContext.Wire.ImageUrlListBody);
    }
}
