using System.Runtime.CompilerServices;
using System.Text;
using Qianfan.Sdk.Chat;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>V2 chat completions with the history kept here: system message first, then each user and assistant turn.</summary>
internal sealed class V2ChatSession(ChatCompletionsClient client, ChatOptions options) : IChatSession
{
    private readonly List<ChatMessage> _history = options.System is { } system ? [ChatMessage.System(system)] : [];

    public async Task<(string Reply, bool ClearHistory)> SendAsync(string message, CancellationToken cancellationToken)
    {
        var reply = await client.CompleteAsync(Request(message), cancellationToken).ConfigureAwait(false);
        Record(message, reply.Content);
        return (reply.Content, false);
    }

    public async IAsyncEnumerable<(string Text, bool ClearHistory)> StreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reply = new StringBuilder();
        await foreach (var chunk in client.StreamAsync(Request(message), cancellationToken).ConfigureAwait(false))
        {
            reply.Append(chunk.ContentDelta);
            yield return (chunk.ContentDelta, false);
        }

        Record(message, reply.ToString());
    }

    private ChatCompletionRequest Request(string message)
    {
        var request = new ChatCompletionRequest(options.Model ?? "ernie-lite-8k")
        {
            Temperature = options.Temperature,
            TopP = options.TopP,
            PenaltyScore = options.PenaltyScore,
            MaxCompletionTokens = options.MaxOutputTokens,
            User = options.UserId,
        };
        foreach (var turn in _history)
        {
            request.Messages.Add(turn);
        }

        request.Messages.Add(ChatMessage.User(message));
        foreach (var stop in options.Stop)
        {
            request.Stop.Add(stop);
        }

        return request;
    }

    private void Record(string message, string reply)
    {
        if (!string.IsNullOrWhiteSpace(reply))
        {
            _history.Add(ChatMessage.User(message));
            _history.Add(ChatMessage.Assistant(reply));
        }
    }
}
