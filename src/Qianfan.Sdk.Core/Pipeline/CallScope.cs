using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Telemetry;

namespace Qianfan.Sdk.Core.Pipeline;

/// <summary>
/// One call's trace span, metrics and completion log line, after the OpenTelemetry GenAI conventions (operation
/// name, provider, request model, usage, duration, error type). Holds no secrets: only names and numbers.
/// </summary>
internal sealed partial class CallScope
{
    private readonly ILogger _logger;
    private readonly Activity? _activity;
    private readonly ApiProfile _profile;
    private readonly string _operation;
    private readonly string _model;
    private readonly string _target;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly bool _metrics = true;

    private CallScope(ILogger logger, Activity? activity, ApiProfile profile, string operation, string model, string target, bool metrics = true)
    {
        _metrics = metrics;
        _logger = logger;
        _activity = activity;
        _profile = profile;
        _operation = operation;
        _model = model;
        _target = target;
    }

    /// <summary>
    /// Starts the scope of <paramref name="call"/>, or returns null when nothing would observe it (no trace or metrics
    /// listener, no Information logging): most calls have no observer, and they should pay nothing for telemetry.
    /// </summary>
    public static CallScope? Start(ApiProfile profile, in ApiCall call)
    {
        var source = SdkTelemetry.Source;
        var model = call.Model ?? "";
        if (Activity.Current is { Kind: ActivityKind.Client } outer && outer.Source != source && outer.GetTagItem("gen_ai.operation.name") is not null)
        {
            // A GenAI span of another library (Microsoft.Extensions.AI's UseOpenTelemetry) already covers this call and
            // records its metrics: a second span and second measurements would count the call twice.
            return call.Logger.IsEnabled(LogLevel.Information) ? new CallScope(call.Logger, null, profile, call.Operation, model, call.Target, metrics: false) : null;
        }

        var activity = source.HasListeners()
            ? source.StartActivity(model.Length == 0 ? call.Operation : $"{call.Operation} {model}", ActivityKind.Client)
            : null;
        if (activity is null && !SdkTelemetry.OperationDuration.Enabled && !SdkTelemetry.TokenUsage.Enabled && !call.Logger.IsEnabled(LogLevel.Information))
        {
            return null;
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", call.Operation);
            activity.SetTag("gen_ai.provider.name", profile.ProviderName);
            activity.SetTag("gen_ai.request.model", model);
            activity.SetTag("qianfan.operation", call.Target);
            activity.SetTag("qianfan.stream", call.Stream);
            var sampling = call.Sampling;
            SetIfPresent(activity, "gen_ai.request.temperature", sampling.Temperature);
            SetIfPresent(activity, "gen_ai.request.top_p", sampling.TopP);
            SetIfPresent(activity, "gen_ai.request.top_k", sampling.TopK);
            SetIfPresent(activity, "gen_ai.request.max_tokens", sampling.MaxTokens);
            SetIfPresent(activity, "gen_ai.request.frequency_penalty", sampling.FrequencyPenalty);
            SetIfPresent(activity, "gen_ai.request.presence_penalty", sampling.PresencePenalty);
        }

        return new CallScope(call.Logger, activity, profile, call.Operation, model, call.Target);
    }

    /// <summary>Whether the call's outcome was recorded.</summary>
    public bool IsClosed { get; private set; }

    public void Succeeded(string? responseId, UsageCounts? usage)
    {
        IsClosed = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var tags = Tags(errorType: null);
        if (_metrics)
        {
            SdkTelemetry.OperationDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (_metrics && usage is { } counts)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            SdkTelemetry.TokenUsage.Record(counts.Input, input);
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            SdkTelemetry.TokenUsage.Record(counts.Output, output);
        }

        if (_activity is not null)
        {
            _activity.SetTag("gen_ai.response.id", responseId);
            _activity.SetTag("gen_ai.usage.input_tokens", usage?.Input);
            _activity.SetTag("gen_ai.usage.output_tokens", usage?.Output);
            _activity.Dispose();
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogCompleted(_logger, _target, _model, elapsed.TotalMilliseconds, usage?.Input ?? 0, usage?.Output ?? 0);
        }
    }

    public void Failed(Exception exception) => Failed(
        _profile.ErrorCode(exception) ?? (exception is OperationCanceledException ? "cancelled" : exception.GetType().FullName ?? "error"),
        _profile.ErrorMessage(exception) ?? exception.GetType().Name);

    /// <summary>The caller stopped reading a stream before its end.</summary>
    public void Abandoned() => Failed("cancelled", "the caller stopped reading the stream");

    private void Failed(string errorType, string description)
    {
        IsClosed = true;
        if (_metrics)
        {
            SdkTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Tags(errorType));
        }

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
            { "gen_ai.operation.name", _operation },
            { "gen_ai.provider.name", _profile.ProviderName },
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
