using Microsoft.Extensions.AI;
using Qianfan.Sdk.DashScope.Generation;

namespace Qianfan.Sdk.DashScope.AI;

/// <summary>DashScope's usage as Microsoft.Extensions.AI's; the rest of the mapping is the platforms' shared one (Core's <c>AIMapping</c>).</summary>
internal static class DashScopeUsage
{
    public static UsageDetails? From(GenerationUsage? usage) => usage is null
        ? null
        : new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            ReasoningTokenCount = usage.OutputTokensDetails?.ReasoningTokens,
            CachedInputTokenCount = usage.InputTokensDetails?.CachedTokens,
        };
}
