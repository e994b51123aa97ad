namespace Qianfan.Samples.Console.Cli;

/// <summary>One command of the CLI (<c>qianfan chat …</c>, <c>qianfan models</c> …).</summary>
internal interface ICliCommand
{
    /// <summary>The word that selects it.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Its full help: usage, options, environment.</summary>
    string Usage { get; }

    /// <summary>The switches it takes (<c>--stream</c> …).</summary>
    IReadOnlyCollection<string> Flags { get; }

    /// <summary>The options with a value it takes (<c>--model NAME</c> …).</summary>
    IReadOnlyCollection<string> Options { get; }

    /// <summary>Runs it with the arguments after its name; returns the exit code. Errors are reported by the caller.</summary>
    Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken);
}
