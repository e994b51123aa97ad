using System.Runtime.CompilerServices;
using System.Text;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// A multi-turn chat that keeps its own history: each call sends the history plus the new user message, and on
/// success appends both the message and the reply. When a reply says <c>need_clear_history</c> (the input was judged
/// unsafe) the history is cleared instead, as the service asks. Not thread-safe: one conversation, one caller at a time.
/// </summary>
public sealed class ChatConversation
{
    private readonly ChatClient _client;
    private readonly ChatRequest _template;
    private readonly List<ChatMessage> _history = [];

    /// <summary>Starts an empty conversation.</summary>
    /// <param name="client">The chat client to send with.</param>
    /// <param name="template">The model and parameters for every turn (its <see cref="ChatRequest.Messages"/> must be empty);
    /// null uses the default model with the service's defaults.</param>
    public ChatConversation(ChatClient client, ChatRequest? template = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (template is { Messages.Count: > 0 })
        {
            throw new ArgumentException("The template's Messages must be empty: the conversation keeps the history.", nameof(template));
        }

        _client = client;
        _template = template ?? new ChatRequest();
    }

    /// <summary>The turns so far: user, assistant, user, assistant, …</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>Forgets every turn.</summary>
    public void Clear() => _history.Clear();

    /// <summary>Sends <paramref name="message"/> with the history and returns the whole reply.</summary>
    /// <exception cref="Errors.QianfanValidationException">The message is empty (naming <c>messages[N].content</c>) or the request breaks another rule.</exception>
    public async Task<ChatResponse> SendAsync(string message, CancellationToken cancellationToken = default)
    {
        var request = NextRequest(message);
        var reply = await _client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        Record(message, reply.Result, reply.NeedClearHistory);
        return reply;
    }

    /// <summary>
    /// Sends <paramref name="message"/> with the history and yields the reply as it arrives. The turn joins the
    /// history once the last piece has arrived; a stream that fails or is abandoned leaves the history unchanged.
    /// </summary>
    public IAsyncEnumerable<ChatChunk> StreamAsync(string message, CancellationToken cancellationToken = default)
    {
        var request = NextRequest(message);
        return StreamCoreAsync(message, _client.StreamAsync(request, cancellationToken), cancellationToken);
    }

    private async IAsyncEnumerable<ChatChunk> StreamCoreAsync(string message, IAsyncEnumerable<ChatChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reply = new StringBuilder();
        var clear = false;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            reply.Append(chunk.Result);
            clear |= chunk.NeedClearHistory;
            if (chunk.IsEnd)
            {
                Record(message, reply.ToString(), clear);
            }

            yield return chunk;
        }
    }

    /// <summary>The history and the new message; an empty message is left to the validator, so it fails as any request does.</summary>
    private ChatRequest NextRequest(string message) => _template.WithMessages(_history.Append(ChatMessage.User(message)));

    private void Record(string message, string reply, bool clear)
    {
        if (clear)
        {
            _history.Clear();
            return;
        }

        // An empty reply cannot be sent back as an assistant turn, so such a turn is not kept.
        if (!string.IsNullOrWhiteSpace(reply))
        {
            _history.Add(ChatMessage.User(message));
            _history.Add(ChatMessage.Assistant(reply));
        }
    }
}
