using System.Globalization;
using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Rerank;

namespace Qianfan.Samples.Console.Commands;

/// <summary><c>rerank</c>: the documents best first, one line each: <c>INDEX&lt;TAB&gt;SCORE&lt;TAB&gt;DOCUMENT</c>.</summary>
internal sealed class RerankCommand : ICliCommand
{
    public string Name => "rerank";

    public string Summary => "order documents by how well they answer a query (V1 or V2)";

    public IReadOnlyCollection<string> Flags { get; } = ["--verbose"];

    public IReadOnlyCollection<string> Options { get; } = ["--api", "--model", "--top-n", "--query"];

    public string Usage => $"""
        usage: {CommandName.Tool} rerank [--api v1|v2] [--model NAME] [--top-n N] --query Q DOC...

        Prints one line per result, best first: INDEX<TAB>SCORE<TAB>DOCUMENT, where INDEX is the document's
        0-based position among the DOC arguments.

        options:
          --query Q               the query (required)
          --top-n N               only the N best, N in [1, number of documents]
          --api v1|v2             the V1 reranker API (default) or V2's /v2/rerankers
          --model NAME            default bce-reranker-base
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {CliHelp.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var api = arguments.Choice("--api", "v1", "v1", "v2");
        var query = arguments.String("--query") ?? throw new CliUsageException("--query is required");
        var documents = arguments.Positional;
        if (documents.Count == 0)
        {
            throw new CliUsageException("expected at least one DOC to rank");
        }

        var request = new RerankRequest(query, documents, arguments.String("--model") ?? RerankRequest.DefaultModel) { TopN = arguments.Int("--top-n") };
        await using var session = await QianfanSession.OpenAsync(api, arguments.Flag("--verbose"), null, console, cancellationToken).ConfigureAwait(false);
        var reply = api == "v2"
            ? await session.Client.RerankV2.RerankAsync(request, cancellationToken).ConfigureAwait(false)
            : await session.Client.Rerank.RerankAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var result in reply.Results)
        {
            var document = result.Index >= 0 && result.Index < documents.Count ? documents[result.Index] : result.Document;
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Index}\t{result.RelevanceScore}\t{document}")).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
