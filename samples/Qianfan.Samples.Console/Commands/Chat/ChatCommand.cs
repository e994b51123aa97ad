using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>
/// <c>chat</c>: one-shot with a message, otherwise a conversation read line by line from stdin. stdout carries only
/// reply text; prompts, notices, warnings and errors go to stderr. In a conversation a failed turn is reported and the
/// next line is read; the exit code is the first failure's.
/// </summary>
internal sealed class ChatCommand : ICliCommand
{
    public string Name => "chat";

    public string Summary => "chat with a model, one-shot or as a conversation (V1 or V2)";

    public IReadOnlyCollection<string> Flags => ChatOptions.Flags;

    public IReadOnlyCollection<string> Options => ChatOptions.Valued;

    public string Usage => $"""
        usage: {CommandName.Tool} chat [options] [MESSAGE]
           or, from a clone of the repository: {CommandName.FromSource} chat [options] [MESSAGE]

        With MESSAGE, sends it once and prints the reply. Without, reads one message per line from stdin
        (until EOF or 'exit') and keeps the conversation's history.

        options:
          --api v1|v2             the V1 chat API (default) or the V2 OpenAI-compatible one
          --model NAME            model name (default ERNIE-Lite-8K; on v2 ernie-lite-8k)
          --endpoint SUFFIX       a custom service's API path (v1; overrides --model)
          --stream                print the reply as it arrives
          --system TEXT           the persona
          --temperature X         (0, 1]
          --top-p X               [0, 1]
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
        var options = ChatOptions.From(arguments);
        await using var session = await QianfanSession.OpenAsync(options.Api, options.Verbose, options.Endpoint, console, cancellationToken).ConfigureAwait(false);
        IChatSession chat = options.Api == "v2"
            ? new V2ChatSession(session.Client.ChatCompletions, options)
            : new V1ChatSession(new ChatConversation(session.Client.Chat, CreateTemplate(options)));
        var turns = new ChatTurns(chat, options.Stream, console);
        return options.Message is { } message
            ? await turns.TakeAsync(message, cancellationToken).ConfigureAwait(false)
            : await turns.ConverseAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ChatRequest CreateTemplate(ChatOptions options)
    {
        var request = options.Endpoint is { } endpoint
            ? new ChatRequest(ModelSpec.ForCustomEndpoint(endpoint))
            : new ChatRequest(options.Model ?? ModelCatalog.DefaultModel);
        request.System = options.System;
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.PenaltyScore = options.PenaltyScore;
        request.MaxOutputTokens = options.MaxOutputTokens;
        request.UserId = options.UserId;
        foreach (var stop in options.Stop)
        {
            request.Stop.Add(stop);
        }

        return request;
    }
}
