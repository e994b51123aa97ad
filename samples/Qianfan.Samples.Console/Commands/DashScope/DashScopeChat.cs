using System.Runtime.CompilerServices;
using Qianfan.Samples.Console.Cli;
using Qianfan.Samples.Console.Commands.Chat;
using Qianfan.Sdk.DashScope.Generation;

namespace Qianfan.Samples.Console.Commands.DashScope;

/// <summary>
/// <c>chat --platform dashscope</c>: Qwen text generation, one-shot or as a conversation read from stdin (its history
/// kept by <see cref="GenerationConversation"/>), whole or streamed, through the same turns, output and exit codes as
/// Qianfan's chat. <c>--prompt</c> sends a one-shot message as <c>input.prompt</c>.
/// </summary>
internal static class DashScopeChat
{
    public const string DefaultModel = "qwen-turbo";

    /// <summary>The valued options only DashScope takes.</summary>
    public static readonly string[] Options = ["--top-k", "--seed", "--result-format"];

    /// <summary>The switches only DashScope takes.</summary>
    public static readonly string[] Flags = ["--prompt", "--cumulative"];

    /// <summary>Qianfan's chat options that do not apply here.</summary>
    private static readonly string[] Foreign = ["--api", "--endpoint", "--penalty-score", "--user-id", "--web-search", "--image", "--thinking", "--jwt"];

    public const string Usage = """
        --platform dashscope (Qwen text generation):
          --model NAME            default qwen-turbo (qwen-plus, qwen-max, qwen3-max ...)
          --result-format text|message
                                  the reply's shape (both print alike); default: the model's
          --prompt                send MESSAGE as input.prompt instead of a user message (one-shot)
          --cumulative            stream with incremental_output false (printed the same)
          --temperature X         [0, 2)
          --top-p X               (0, 1]
          --top-k N               0 or more
          --seed N                [0, 2^31 - 1]
          --max-output-tokens N   1 or more
          also --stream, --system, --stop, --json, --verbose
        """;

    public static async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        PlatformOption.Reject(arguments, PlatformOption.DashScope, Foreign);
        if (arguments.Positional.Count > 1)
        {
            throw new CliUsageException("expected at most one MESSAGE; quote a message that has spaces");
        }

        var message = arguments.Positional.Count == 1 ? arguments.Positional[0] : null;
        var byPrompt = arguments.Flag("--prompt");
        if (byPrompt && (message is null || arguments.String("--system") is not null))
        {
            throw new CliUsageException(message is null ? "--prompt sends one MESSAGE; give it" : "--prompt sends no system message; leave out --system");
        }

        var template = Template(arguments);
        await using var session = await DashScopeSession.OpenAsync(arguments.Flag("--verbose"), console, cancellationToken).ConfigureAwait(false);
        IChatSession chat = byPrompt
            ? new PromptSession(session.Client.Generation, template)
            : new ConversationSession(new GenerationConversation(session.Client.Generation, template));
        var turns = new ChatTurns(chat, arguments.Flag("--stream"), console);
        return message is not null
            ? await turns.TakeAsync(message, cancellationToken).ConfigureAwait(false)
            : await turns.ConverseAsync(cancellationToken).ConfigureAwait(false);
    }

    private static GenerationRequest Template(CliArguments arguments)
    {
        var request = new GenerationRequest(arguments.String("--model") ?? DefaultModel)
        {
            Temperature = arguments.Float("--temperature"),
            TopP = arguments.Float("--top-p"),
            TopK = arguments.Int("--top-k"),
            Seed = arguments.Int("--seed"),
            MaxTokens = arguments.Int("--max-output-tokens"),
            ResultFormat = arguments.String("--result-format") is null ? null
                : arguments.Choice("--result-format", "text", "text", "message") == "message" ? GenerationResultFormat.Message : GenerationResultFormat.Text,
            IncrementalOutput = arguments.Flag("--cumulative") ? false : null,
            ResponseFormat = arguments.Flag("--json") ? GenerationResponseFormat.JsonObject : null,
        };
        if (arguments.String("--system") is { } system)
        {
            request.Messages.Add(GenerationMessage.System(system));
        }

        foreach (var stop in arguments.All("--stop"))
        {
            request.Stop.Add(stop);
        }

        return request;
    }

    private static ChatPiece Piece(string text, string reasoning) => new(text, reasoning, [], false);

    /// <summary>Turns of a conversation, the history kept by the SDK.</summary>
    private sealed class ConversationSession(GenerationConversation conversation) : IChatSession
    {
        public async Task<ChatPiece> SendAsync(string message, CancellationToken cancellationToken)
        {
            var reply = await conversation.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return Piece(reply.Text, reply.ReasoningContent ?? "");
        }

        public async IAsyncEnumerable<ChatPiece> StreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var chunk in conversation.StreamAsync(message, cancellationToken).ConfigureAwait(false))
            {
                yield return Piece(chunk.Delta, chunk.ReasoningDelta);
            }
        }
    }

    /// <summary>One message sent as <c>input.prompt</c>.</summary>
    private sealed class PromptSession(GenerationClient client, GenerationRequest template) : IChatSession
    {
        public async Task<ChatPiece> SendAsync(string message, CancellationToken cancellationToken)
        {
            var reply = await client.CompleteAsync(Request(message), cancellationToken).ConfigureAwait(false);
            return Piece(reply.Text, reply.ReasoningContent ?? "");
        }

        public async IAsyncEnumerable<ChatPiece> StreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var chunk in client.StreamAsync(Request(message), cancellationToken).ConfigureAwait(false))
            {
                yield return Piece(chunk.Delta, chunk.ReasoningDelta);
            }
        }

        private GenerationRequest Request(string message)
        {
            template.Prompt = message;
            return template;
        }
    }
}
