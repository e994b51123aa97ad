using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>The V2 endpoints' log lines, source-generated like <see cref="Hosting.EmulatorLog"/>'s.</summary>
internal static partial class V2Log
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "#{Sequence} answered HTTP {StatusCode} {Code}: {Message}")]
    public static partial void ErrorAnswered(ILogger logger, long sequence, int statusCode, string code, string message);
}
