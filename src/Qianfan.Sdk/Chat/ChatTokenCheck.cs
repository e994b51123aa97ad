using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// The token side of V1 chat validation: the service limits message contents plus <c>system</c> to the model's
/// <see cref="ModelSpec.MaxInputTokens"/> (6,144 for ERNIE-Speed-8K), but only the service can count tokens exactly,
/// so an estimate over the limit is a warning, not a rejection.
/// </summary>
internal static class ChatTokenCheck
{
    public static void WarnIfOverLimit(ILogger logger, ChatRequest request, ModelSpec model)
    {
        if (TokenLimitWarning.CanExceed(model.MaxInputTokens, Characters(request)))
        {
            TokenLimitWarning.Check(logger, model.Name, "messages content plus system", model.MaxInputTokens, request, static r => Estimate(r));
        }
    }

    /// <summary>The estimate of what the limit counts: every message's content and the system persona.</summary>
    public static int Estimate(ChatRequest request)
    {
        var tokens = TokenEstimator.Estimate(request.System);
        foreach (var message in request.Messages)
        {
            tokens += TokenEstimator.Estimate(message?.Content);
        }

        return tokens;
    }

    private static int Characters(ChatRequest request)
    {
        var characters = request.System?.Length ?? 0;
        foreach (var message in request.Messages)
        {
            characters += message?.Content.Length ?? 0;
        }

        return characters;
    }
}
