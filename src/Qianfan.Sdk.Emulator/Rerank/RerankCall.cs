using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Rerank;

/// <summary>A valid rerank call: scored by <see cref="WordOverlap"/>, best first (ties keep the documents' order).</summary>
internal sealed class RerankCall(EmulatorState state, string query, IReadOnlyList<string> documents, int topN)
    : AreaCall(TokenEstimator.Count(query) + TokenEstimator.Count(documents))
{
    public override AreaAnswer Answer(HttpContext context) => AreaAnswer.Json(
        new RerankListBody
        {
            Id = AnswerId.NewTurnId(),
            Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            Results = [.. documents
                .Select((document, i) => new RerankItemBody(document, WordOverlap.Score(query, document), i))
                .OrderByDescending(r => r.RelevanceScore)
                .ThenBy(r => r.Index)
                .Take(topN)],
            Usage = PromptUsageBody.Of(PromptTokens),
        },
        AreasJsonContext.Wire.RerankListBody);
}
