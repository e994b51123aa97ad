using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>
/// Builds token counts as the SDK returns them, HTTP answer included, for your own tests: a substituted
/// <see cref="TokenizerClient"/> can answer with these.
/// </summary>
public static class TokenizerModelFactory
{
    /// <summary>The service's count of <paramref name="tokens"/> tokens.</summary>
    public static TokenCountResponse TokenCountResponse(int tokens, string? id = null, ServiceResponse? response = null) =>
        new()
        {
            Id = id,
            ObjectType = "tokenizer.erniebot",
            Usage = new TokenUsage { PromptTokens = tokens, TotalTokens = tokens },
            Response = response,
        };
}
