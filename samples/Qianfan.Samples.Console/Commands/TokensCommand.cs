using System.Globalization;
using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Samples.Console.Commands;

/// <summary><c>tokens</c>: a text's token count, the service's exact one or (<c>--local</c>) the offline estimate.</summary>
internal sealed class TokensCommand : ICliCommand
{
    public string Name => "tokens";

    public string Summary => "count a text's tokens, exactly or (--local) by the offline estimate";

    public IReadOnlyCollection<string> Flags { get; } = ["--local", "--verbose"];

    public IReadOnlyCollection<string> Options { get; } = ["--model"];

    public string Usage => $"""
        usage: {CommandName.Tool} tokens [--model NAME] [--local] TEXT

        Prints the number of tokens in TEXT.

        options:
          --model NAME            the model family the service counts for (default ernie-bot)
          --local                 the offline estimate (0.625 per Chinese character, 1 per other word):
                                  nothing is sent, no credentials or emulator needed
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {CliHelp.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Positional.Count != 1)
        {
            throw new CliUsageException("expected one TEXT; quote a text that has spaces");
        }

        var text = arguments.Positional[0];
        var model = arguments.String("--model") ?? TokenizerClient.DefaultModel;
        int count;
        if (arguments.Flag("--local"))
        {
            if (arguments.String("--model") is not null)
            {
                throw new CliUsageException("--model names the service's tokenizer; it does not apply with --local");
            }

            count = TokenEstimator.Estimate(text);
        }
        else
        {
            await using var session = await QianfanSession.OpenAsync("v1", arguments.Flag("--verbose"), null, console, cancellationToken).ConfigureAwait(false);
            count = (await session.Client.Tokenizer.CountAsync(text, model, cancellationToken).ConfigureAwait(false)).TotalTokens;
        }

        await console.Out.WriteLineAsync(count.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
