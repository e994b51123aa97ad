namespace Qianfan.Samples.Console.Cli;

/// <summary>Where a command reads and writes: stdout carries only results, stderr everything else.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
