namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// Picks the command named by the first argument and runs it. Whatever happens — bad arguments, a bad environment,
/// a failing service, an exception nobody expected — ends in a message on stderr and an exit code, never an
/// unhandled exception.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyList<ICliCommand> commands, CliConsole console, CancellationToken cancellationToken)
    {
        ICliCommand? command = null;
        try
        {
            if (args.Count == 0)
            {
                throw new CliUsageException($"missing command: expected one of {string.Join(", ", commands.Select(c => c.Name))}");
            }

            if (args[0] is "-h" or "--help")
            {
                await console.Out.WriteLineAsync(Usage(commands)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            command = commands.FirstOrDefault(c => c.Name == args[0])
                ?? throw new CliUsageException($"unknown command '{args[0]}': expected one of {string.Join(", ", commands.Select(c => c.Name))}");
            var arguments = args.Skip(1).ToArray();
            if (arguments.Any(a => a is "-h" or "--help"))
            {
                await console.Out.WriteLineAsync(command.Usage).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            return await command.RunAsync(CliArguments.Parse(arguments, command.Flags, command.Options), console, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The CLI's last line of defence: every failure is reported, none escapes.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return await CliErrors.ReportAsync(ex, console, command?.Name).ConfigureAwait(false);
        }
    }

    private static string Usage(IReadOnlyList<ICliCommand> commands) =>
        $"""
        usage: {CommandName.Tool} <command> [options]
           or, from a clone of the repository: {CommandName.FromSource} <command> [options]

        commands:
        {string.Join("\n", commands.Select(c => $"  {c.Name,-10}{c.Summary}"))}

        Run '{CommandName.Current} <command> --help' for a command's options. '--platform zhipu' on chat,
        image and task talks to Zhipu AI (GLM, CogView) instead, '--platform dashscope' to Alibaba DashScope.
        With no credentials set (QIANFAN_*, ZHIPUAI_API_KEY or DASHSCOPE_API_KEY), every command uses an
        offline emulator started in-process.
        """;
}
