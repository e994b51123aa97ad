using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>
/// Warns, before a request is sent, when the <see cref="TokenEstimator"/> puts its input over the model's documented
/// token limit. A warning and not a rejection: the estimate is approximate, and only the service's own count decides,
/// so the request is still sent (and the service may refuse it).
/// </summary>
internal static partial class TokenLimitWarning
{
    /// <summary>
    /// Whether an input of <paramref name="characters"/> UTF-16 characters can be estimated over
    /// <paramref name="maxTokens"/>. The estimate counts at most one token per character (a word of any length is one,
    /// a Han character 0.625), so an input no longer than the limit never needs estimating: a long conversation is
    /// only walked when it may be over.
    /// </summary>
    public static bool CanExceed(int? maxTokens, int characters) => maxTokens is { } limit && characters > limit;

    /// <summary>
    /// Logs a Warning when <paramref name="estimate"/> of <paramref name="state"/> exceeds <paramref name="maxTokens"/>;
    /// estimates nothing when there is no limit or nobody would see the warning.
    /// </summary>
    /// <param name="logger">The area's logger (category <c>Qianfan.Sdk.{area}</c>).</param>
    /// <param name="model">The model, as the log names it.</param>
    /// <param name="field">The input the limit applies to, e.g. <c>messages</c> or <c>input[3]</c>.</param>
    /// <param name="maxTokens">The documented limit; null when none is known.</param>
    /// <param name="state">What to estimate.</param>
    /// <param name="estimate">The estimate of <paramref name="state"/>.</param>
    public static void Check<TState>(ILogger logger, string model, string field, int? maxTokens, TState state, Func<TState, int> estimate)
    {
        if (maxTokens is not { } limit || !logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        var estimated = estimate(state);
        if (estimated > limit)
        {
            LogOverLimit(logger, model, field, estimated, limit);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Model}: {Field} is estimated at {EstimatedTokens} tokens, over the model's limit of {MaxInputTokens}; it is sent, but the service may refuse it (the estimate is approximate)")]
    private static partial void LogOverLimit(ILogger logger, string model, string field, int estimatedTokens, int maxInputTokens);
}
