using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Embeddings;

/// <summary>A valid embeddings call: its texts' tokens by the estimate, answered with one vector per text in order.</summary>
internal sealed class EmbeddingCall(EmulatorState state, EmbeddingModelSpec spec, IReadOnlyList<string> input)
    : AreaCall(TokenEstimator.Count(input))
{
    public override AreaAnswer Answer(HttpContext context) => AreaAnswer.Json(
        new EmbeddingListBody
        {
            Id = AnswerId.NewTurnId(),
            Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Data = [.. input.Select((text, i) => new EmbeddingItemBody(EmbeddingVectors.For(spec.Name, text, spec.Dimensions), i))],
            Usage = PromptUsageBody.Of(PromptTokens),
        },
        AreasJsonContext.Wire.EmbeddingListBody);
}
