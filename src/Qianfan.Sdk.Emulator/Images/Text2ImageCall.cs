using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>A valid V1 text-to-image call: <paramref name="count"/> PNG files in base64, the prompt's tokens as usage.</summary>
internal sealed class Text2ImageCall(EmulatorState state, string prompt, int width, int height, int count, Func<int, ulong> seed)
    : AreaCall(TokenEstimator.Count(prompt))
{
    public override AreaAnswer Answer(HttpContext context) => AreaAnswer.Json(
        new ImageListBody
        {
            Id = AnswerId.NewTurnId(),
            Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Data = [.. Enumerable.Range(0, count).Select(i => new ImageItemBody(Convert.ToBase64String(ImageRenderer.Render(width, height, seed(i))), i))],
            Usage = PromptUsageBody.Of(PromptTokens),
        },
        AreasJsonContext.Wire.ImageListBody);
}
