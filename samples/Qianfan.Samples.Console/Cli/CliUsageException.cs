namespace Qianfan.Samples.Console.Cli;

/// <summary>The command line was wrong; reported with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
