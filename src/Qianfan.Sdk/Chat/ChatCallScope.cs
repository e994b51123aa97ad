using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Diagnostics;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// One chat call's trace span, metrics and completion log line (OpenTelemetry GenAI conventions: operation
/// <c>chat</c>, request model, usage, duration, error type). Holds no secrets: only the model, endpoint and numbers.
/// </summary>
internal sealed partial class ChatCallScope
{
    private readonly ILogger _logger;
    private readonly Activity? _activity;
    private readonly string _model;
    private readonly string _operation;
    private readonly long _started = Stopwatch.GetTimestamp();

    private ChatCallScope(ILogger logger, Activity? activity, string model, string operation)
    {
        _logger = logger;
        _activity = activity;
        _model = model;
        _operation = operation;
    }

    /// <summary>
    /// Starts the span for a call to <paramref name="model"/> through <paramref name="operation"/> (e.g.
    /// <c>chat/ernie_speed</c>). Null when nothing would observe it (no trace listener, no metrics listener, no
    /// Information logging): most calls have no observer, and they should pay nothing for telemetry.
    /// </summary>
    public static ChatCallScope? Start(ILogger logger, string operation, string model, bool stream, in SamplingTags sampling)
    {
        var activity = QianfanTelemetry.Source.HasListeners() ? QianfanTelemetry.Source.StartActivity($"chat {model}", ActivityKind.Client) : null;
        if (activity is null && !QianfanTelemetry.OperationDuration.Enabled && !QianfanTelemetry.TokenUsage.Enabled && !logger.IsEnabled(LogLevel.Information))
        {
            return null;
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.provider.name", QianfanTelemetry.ProviderName);
            activity.SetTag("gen_ai.request.model", model);
            activity.SetTag("qianfan.operation", operation);
            activity.SetTag("qianfan.stream", stream);
            SetIfPresent(activity, "gen_ai.request.temperature", sampling.Temperature);
            SetIfPresent(activity, "gen_ai.request.top_p", sampling.TopP);
            SetIfPresent(activity, "gen_ai.request.top_k", sampling.TopK);
            SetIfPresent(activity, "gen_ai.request.max_tokens", sampling.MaxTokens);
            SetIfPresent(activity, "gen_ai.request.frequency_penalty", sampling.FrequencyPenalty);
            SetIfPresent(activity, "gen_ai.request.presence_penalty", sampling.PresencePenalty);
        }

        return new ChatCallScope(logger, activity, model, operation);
    }

    /// <summary>Whether the call's outcome was recorded.</summary>
    public bool IsClosed { get; private set; }

    public void Succeeded(string? responseId, ChatUsage? usage)
    {
        IsClosed = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var tags = Tags(errorType: null);
        QianfanTelemetry.OperationDuration.Record(elapsed.TotalSeconds, tags);
        if (usage is not null)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            QianfanTelemetry.TokenUsage.Record(usage.PromptTokens, input);
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            QianfanTelemetry.TokenUsage.Record(usage.CompletionTokens, output);
        }

        if (_activity is not null)
        {
            _activity.SetTag("gen_ai.response.id", responseId);
            _activity.SetTag("gen_ai.usage.input_tokens", usage?.PromptTokens);
            _activity.SetTag("gen_ai.usage.output_tokens", usage?.CompletionTokens);
            _activity.Dispose();
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogCompleted(_logger, _operation, _model, elapsed.TotalMilliseconds, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0);
        }
    }

    public void Failed(Exception exception) => Failed(
        exception switch
        {
            QianfanException { ErrorCode: { } code } => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OperationCanceledException => "cancelled",
            _ => exception.GetType().FullName ?? "error",
        },
        exception is QianfanException q ? q.ErrorMessage : exception.GetType().Name);

    /// <summary>The caller stopped reading a stream before its end.</summary>
    public void Abandoned() => Failed("cancelled", "the caller stopped reading the stream");

    private void Failed(string errorType, string description)
    {
        IsClosed = true;
        QianfanTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Tags(errorType));
        if (_activity is not null)
        {
            _activity.SetTag("error.type", errorType);
            _activity.SetStatus(ActivityStatusCode.Error, description);
            _activity.Dispose();
        }
    }

    private TagList Tags(string? errorType)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", QianfanTelemetry.ProviderName },
            { "gen_ai.request.model", _model },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        return tags;
    }

    private static void SetIfPresent<T>(Activity activity, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            activity.SetTag(name, v);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} ({Model}) completed in {ElapsedMs:0.0} ms: {PromptTokens} prompt and {CompletionTokens} completion tokens")]
    private static partial void LogCompleted(ILogger logger, string operation, string model, double elapsedMs, int promptTokens, int completionTokens);
}
