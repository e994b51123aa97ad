using System.Runtime.CompilerServices;
using Qianfan.Samples.Console.Cli;
using Qianfan.Samples.Console.Commands.Chat;
using Qianfan.Sdk.Zhipu.Chat;

namespace Qianfan.Samples.Console.Commands.Zhipu;

/// <summary>
/// <c>chat --platform zhipu</c>: GLM chat, one-shot or as a conversation read from stdin (its history kept by
/// <see cref="ChatCompletionConversation"/>), whole or streamed, through the same turns, output and exit codes as
/// Qianfan's chat; a GLM-4.5+ model's reasoning goes to stderr like any thinking model's.
/// </summary>
internal static class ZhipuChat
{
    public const string DefaultModel = "glm-4";

    /// <summary>The valued options only Zhipu takes.</summary>
    public static readonly string[] Options = ["--thinking"];

    /// <summary>The switches only Zhipu takes.</summary>
    public static readonly string[] Flags = ["--jwt"];

    /// <summary>Qianfan's and DashScope's chat options that do not apply here.</summary>
    private static readonly string[] Foreign =
        ["--api", "--endpoint", "--penalty-score", "--user-id", "--web-search", "--image", .. DashScope.DashScopeChat.Options, .. DashScope.DashScopeChat.Flags];

    public const string Usage = """
        --platform zhipu (GLM chat):
          --model NAME            default glm-4 (glm-4-plus, glm-4-flash, glm-4.5, glm-4.6 ...)
          --thinking on|off       GLM-4.5 and later: reason first (the service's default) or not
          --jwt                   send the key as a self-signed JWT, renewed before it expires
          --temperature X         [0, 1], at most two decimals
          --top-p X               [0.01, 1], at most two decimals
          --max-output-tokens N   1 or more (up to the model's cap)
          --stop S                one stop word
          also --stream, --system, --json, --verbose
        """;

    public static async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        PlatformOption.Reject(arguments, PlatformOption.Zhipu, Foreign);
        if (arguments.Positional.Count > 1)
        {
            throw new CliUsageException("expected at most one MESSAGE; quote a message that has spaces");
        }

        var template = Template(arguments);
        await using var session = await ZhipuSession.OpenAsync(arguments, console, cancellationToken).ConfigureAwait(false);
        var turns = new ChatTurns(new ConversationSession(new ChatCompletionConversation(session.Client.Chat, template)), arguments.Flag("--stream"), console);
        return arguments.Positional.Count == 1
            ? await turns.TakeAsync(arguments.Positional[0], cancellationToken).ConfigureAwait(false)
            : await turns.ConverseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request every turn starts from: the model, the persona and the sampling settings asked for.</summary>
    public static ChatCompletionRequest Template(CliArguments arguments)
    {
        var request = new ChatCompletionRequest(arguments.String("--model") ?? DefaultModel)
        {
            Temperature = arguments.Float("--temperature"),
            TopP = arguments.Float("--top-p"),
            MaxTokens = arguments.Int("--max-output-tokens"),
            ResponseFormat = arguments.Flag("--json") ? ChatResponseFormat.JsonObject : null,
            Thinking = arguments.String("--thinking") is null ? null
                : arguments.Choice("--thinking", "on", "on", "off") == "on" ? ChatThinking.Enabled : ChatThinking.Disabled,
        };
        if (arguments.String("--system") is { } system)
        {
            request.Messages.Add(ChatMessage.System(system));
        }

        foreach (var stop in arguments.All("--stop"))
        {
            request.Stop.Add(stop);
        }

        return request;
    }

    private static ChatPiece Piece(string text, string reasoning) => new(text, reasoning, [], false);

    /// <summary>Turns of a conversation, the history kept by the SDK.</summary>
    private sealed class ConversationSession(ChatCompletionConversation conversation) : IChatSession
    {
        public async Task<ChatPiece> SendAsync(string message, CancellationToken cancellationToken)
        {
            var reply = await conversation.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return Piece(reply.Content, reply.ReasoningContent ?? "");
        }

        public async IAsyncEnumerable<ChatPiece> StreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var chunk in conversation.StreamAsync(message, cancellationToken).ConfigureAwait(false))
            {
                yield return Piece(chunk.ContentDelta, chunk.ReasoningDelta);
            }
        }
    }
}
