using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Rerank;

/// <summary>
/// Builds rerank results as the SDK returns them, HTTP answer included, for your own tests: a substituted
/// <see cref="RerankClient"/> or <see cref="RerankV2Client"/> can answer with these.
/// </summary>
public static class RerankModelFactory
{
    /// <summary>An answer with these results, put best first as the SDK does.</summary>
    public static RerankResponse RerankResponse(
        IEnumerable<RerankResult> results,
        string? id = null,
        TokenUsage? usage = null,
        ServiceResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new() { Id = id, ObjectType = "reranker_list", Results = [.. results], Usage = usage, Response = response };
    }
}
