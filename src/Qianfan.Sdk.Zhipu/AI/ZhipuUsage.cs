using Microsoft.Extensions.AI;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.AI;

/// <summary>Zhipu's usage as Microsoft.Extensions.AI's; the rest of the mapping is the platforms' shared one (Core's <c>AIMapping</c>).</summary>
internal static class ZhipuUsage
{
    public static UsageDetails? From(TokenUsage? usage) => usage is null
        ? null
        : new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens,
            ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
            CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
        };
}
