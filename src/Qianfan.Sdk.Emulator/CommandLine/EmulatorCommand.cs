namespace Qianfan.Sdk.Emulator.CommandLine;

/// <summary>What the command line asked for: run with these options, show help, or a usage error.</summary>
internal sealed record EmulatorCommand(QianfanEmulatorOptions Options, bool ShowHelp, bool Verbose, string? Error);
