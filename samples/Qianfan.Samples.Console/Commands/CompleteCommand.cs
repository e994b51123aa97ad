using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Completions;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console.Commands;

/// <summary><c>complete</c>: the continuation (续写) of a prompt, whole or as it streams.</summary>
internal sealed class CompleteCommand : ICliCommand
{
    /// <summary>The model used when neither <c>--model</c> nor <c>--endpoint</c> is given.</summary>
    public const string DefaultModel = "SQLCoder-7B";

    public string Name => "complete";

    public string Summary => "continue a prompt (V1 completions)";

    public IReadOnlyCollection<string> Flags { get; } = ["--stream", "--verbose"];

    public IReadOnlyCollection<string> Options { get; } =
        ["--model", "--endpoint", "--temperature", "--top-p", "--top-k", "--penalty-score", "--max-output-tokens", "--stop", "--user-id"];

    public string Usage => $"""
        usage: {CommandName.Tool} complete [--model NAME | --endpoint SUFFIX] [--stream] [options] PROMPT

        Prints the continuation of PROMPT.

        options:
          --model NAME            SQLCoder-7B (default) or CodeLlama-7b-Instruct
          --endpoint SUFFIX       a custom service's API path (completions/SUFFIX)
          --stream                print the continuation as it arrives
          --temperature X         (0, 1]
          --top-p X               [0, 1]
          --top-k N               a positive integer
          --penalty-score X       [1, 2]
          --max-output-tokens N   [2, 2048]
          --stop S                a stop sequence (repeatable, at most 4)
          --user-id ID            the end user's id
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {CliHelp.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Positional.Count != 1)
        {
            throw new CliUsageException("expected one PROMPT; quote a prompt that has spaces");
        }

        var model = arguments.String("--model");
        var endpoint = arguments.String("--endpoint");
        if (model is not null && endpoint is not null)
        {
            throw new CliUsageException("give --model or --endpoint, not both");
        }

        var prompt = arguments.Positional[0];
        var request = endpoint is not null
            ? new CompletionRequest(ModelSpec.ForCustomEndpoint(endpoint), prompt)
            : new CompletionRequest(model ?? DefaultModel, prompt);
        request.Temperature = arguments.Float("--temperature");
        request.TopP = arguments.Float("--top-p");
        request.TopK = arguments.Int("--top-k");
        request.PenaltyScore = arguments.Float("--penalty-score");
        request.MaxOutputTokens = arguments.Int("--max-output-tokens");
        request.UserId = arguments.String("--user-id");
        foreach (var stop in arguments.All("--stop"))
        {
            request.Stop.Add(stop);
        }

        await using var session = await QianfanSession.OpenAsync("v1", arguments.Flag("--verbose"), endpoint, console, cancellationToken).ConfigureAwait(false);
        var completions = session.Client.Completions;
        if (arguments.Flag("--stream"))
        {
            await foreach (var chunk in completions.StreamAsync(request, cancellationToken).ConfigureAwait(false))
            {
                await console.Out.WriteAsync(chunk.Result).ConfigureAwait(false);
                await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync().ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var reply = await completions.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync(reply.Result).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
