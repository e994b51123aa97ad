using Qianfan.Samples.Console.Cli;

namespace Qianfan.Samples.Console.Commands;

/// <summary>
/// <c>models</c>: the models the account can call, from V2's live catalog (<c>GET /v2/models</c>), one id per line on
/// stdout, in the service's order.
/// </summary>
internal sealed class ModelsCommand : ICliCommand
{
    public string Name => "models";

    public string Summary => "list the models the account can call (V2's live catalog), one id per line";

    public IReadOnlyCollection<string> Flags => ["--verbose"];

    public IReadOnlyCollection<string> Options => [];

    public string Usage => $"""
        usage: {CommandName.Tool} models [--verbose]

        Prints the id of every model the account can call (GET /v2/models), one per line on stdout; use an
        id with 'chat --api v2 --model ID'. Needs V2 credentials (QIANFAN_API_KEY, or the IAM keys).

        options:
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {CliHelp.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Positional.Count > 0)
        {
            throw new CliUsageException($"models takes no arguments, got '{arguments.Positional[0]}'");
        }

        await using var session = await QianfanSession.OpenAsync("v2", arguments.Flag("--verbose"), customEndpoint: null, console, cancellationToken).ConfigureAwait(false);
        var models = await session.Client.Models.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var model in models.Data.Where(m => m.Id.Length > 0))
        {
            await console.Out.WriteLineAsync(model.Id).ConfigureAwait(false);
        }

        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
