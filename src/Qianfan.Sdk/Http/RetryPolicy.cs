using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Qianfan.Sdk.Diagnostics;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>
/// Builds the retry pipeline that wraps "send, then read the envelope". It lives here rather than in an HTTP
/// handler because V1 reports overload and limits inside HTTP 200 bodies, which a status-code handler never sees.
/// </summary>
internal static partial class RetryPolicy
{
    public static readonly ResiliencePropertyKey<string> OperationKey = new("qianfan.operation");

    public static ResiliencePipeline Create(QianfanRetryOptions options, TimeProvider time, ILogger logger)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var maxDelay = options.MaxDelay;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = static args => new ValueTask<bool>(IsTransient(args.Outcome.Exception)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is QianfanException { RetryAfter: { } after } ? (after < maxDelay ? after : maxDelay) : null),
                OnRetry = args =>
                {
                    var reason = Describe(args.Outcome.Exception);
                    QianfanTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", reason));
                    args.Context.Properties.TryGetValue(OperationKey, out var operation);
                    LogRetry(logger, operation, args.AttemptNumber + 1, reason, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether repeating may succeed: the service's retryable codes and HTTP 408/429/5xx, a stream cut before its
    /// first chunk, dropped connections and timed-out attempts. Never validation, authentication or cancellation.
    /// </summary>
    internal static bool IsTransient(Exception? exception) => exception switch
    {
        QianfanException q => q.IsRetryable,
        HttpRequestException => true,
        IOException => true,
        TimeoutException => true,
        OperationCanceledException { InnerException: TimeoutException } => true, // HttpClient.Timeout of a caller's HttpClient
        _ => false,
    };

    private static string Describe(Exception? exception) => exception switch
    {
        QianfanException { ErrorCode: { } code } => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        QianfanException { ErrorName: { } name } => name,
        QianfanException { StatusCode: { } status } => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        null => "unknown",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Operation} (attempt {Attempt}) in {DelayMs} ms after {Reason}")]
    private static partial void LogRetry(ILogger logger, string? operation, int attempt, string reason, long delayMs);
}
