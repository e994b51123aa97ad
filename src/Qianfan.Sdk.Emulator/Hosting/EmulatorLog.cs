using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>The emulator's log lines (secrets already masked), source-generated so logging off costs nothing.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "#{Sequence} {Method} {Path}{Query}")]
    public static partial void RequestReceived(ILogger logger, long sequence, string method, string path, string query);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "#{Sequence} answered error {ErrorCode}: {ErrorMessage}")]
    public static partial void ServiceErrorAnswered(ILogger logger, long sequence, int errorCode, string errorMessage);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "#{Sequence} scenario: {Scenario}")]
    public static partial void ScenarioApplied(ILogger logger, long sequence, string scenario);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "#{Sequence} scenario: delayed by {Delay}")]
    public static partial void Delayed(ILogger logger, long sequence, TimeSpan delay);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "#{Sequence} scenario: answered HTTP {StatusCode}")]
    public static partial void StatusInjected(ILogger logger, long sequence, int statusCode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "#{Sequence} the reply factory failed")]
    public static partial void ReplyFactoryFailed(ILogger logger, long sequence, Exception exception);
}
