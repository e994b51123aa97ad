using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Telemetry;

namespace Qianfan.Sdk.Core.Pipeline;

/// <summary>
/// Builds the retry pipeline that wraps "send, then read the answer". It lives here rather than in an HTTP handler
/// because some APIs (Qianfan V1) report overload and limits inside HTTP 200 bodies, which a status handler never sees.
/// </summary>
internal static partial class RetryPolicy
{
    public static readonly ResiliencePropertyKey<string> TargetKey = new("sdk.target");
    public static readonly ResiliencePropertyKey<ILogger> LoggerKey = new("sdk.logger");

    public static ResiliencePipeline Create(PipelineSettings settings, ApiProfile profile, TimeProvider time)
    {
        if (settings.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var maxDelay = settings.MaxDelay;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(profile, args.Outcome.Exception)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is { } ex && profile.RetryAfter(ex) is { } after ? (after < maxDelay ? after : maxDelay) : null),
                OnRetry = args =>
                {
                    var reason = Describe(profile, args.Outcome.Exception);
                    SdkTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", reason));
                    if (args.Context.Properties.TryGetValue(LoggerKey, out var logger))
                    {
                        args.Context.Properties.TryGetValue(TargetKey, out var target);
                        LogRetry(logger, target, args.AttemptNumber + 1, reason, (long)args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether repeating may succeed: the platform's retryable errors, dropped connections and broken bodies, and
    /// timed-out attempts. Never validation, authentication or the caller's cancellation.
    /// </summary>
    public static bool IsTransient(ApiProfile profile, Exception? exception) => exception switch
    {
        null => false,
        HttpRequestException => true,
        IOException => true,
        TimeoutException => true,
        OperationCanceledException { InnerException: TimeoutException } => true, // HttpClient.Timeout of a caller's HttpClient
        ArgumentException => false,
        _ => profile.IsRetryable(exception),
    };

    public static string Describe(ApiProfile profile, Exception? exception) => exception switch
    {
        null => "unknown",
        _ => profile.ErrorCode(exception) ?? exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Operation} (attempt {Attempt}) in {DelayMs} ms after {Reason}")]
    private static partial void LogRetry(ILogger logger, string? operation, int attempt, string reason, long delayMs);
}
