using System.Globalization;
using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Embeddings;

namespace Qianfan.Samples.Console.Commands;

/// <summary><c>embed</c>: one line per text, in order, each its vector as a JSON array of numbers.</summary>
internal sealed class EmbedCommand : ICliCommand
{
    public string Name => "embed";

    public string Summary => "turn texts into vectors, one JSON array per line (V1 or V2)";

    public IReadOnlyCollection<string> Flags { get; } = ["--verbose"];

    public IReadOnlyCollection<string> Options { get; } = ["--api", "--model"];

    public string Usage => $"""
        usage: {CommandName.Tool} embed [--api v1|v2] [--model NAME] TEXT...

        Prints one line per TEXT, in order: its vector as a JSON array of numbers. Any number of texts: they are
        sent in as many requests as the model allows (16 texts, or 1 for tao-8k).

        options:
          --api v1|v2             the V1 embeddings API (default) or V2's /v2/embeddings
          --model NAME            embedding-v1 (default, 384 numbers), bge-large-zh, bge-large-en, tao-8k (1,024)
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {CliHelp.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var api = arguments.Choice("--api", "v1", "v1", "v2");
        var model = arguments.String("--model") ?? EmbeddingModels.Default;
        if (arguments.Positional.Count == 0)
        {
            throw new CliUsageException("expected at least one TEXT to embed");
        }

        await using var session = await QianfanSession.OpenAsync(api, arguments.Flag("--verbose"), null, console, cancellationToken).ConfigureAwait(false);
        var client = session.Client;
        var batch = api == "v2"
            ? await client.EmbeddingsV2.EmbedAllAsync(model, arguments.Positional, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.Embeddings.EmbedAllAsync(model, arguments.Positional, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var vector in batch.Vectors)
        {
            await console.Out.WriteLineAsync("[" + string.Join(",", vector.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
