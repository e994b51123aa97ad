using System.Runtime.CompilerServices;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// A multi-turn V2 chat that keeps its own history (system message first, then each turn): each call sends the
/// history plus the new message and, on success, records both. An answer that calls tools is recorded with its
/// calls; send their results with <see cref="SendAsync(IEnumerable{ChatMessage}, CancellationToken)"/> and
/// <see cref="ChatMessage.Tool"/>. When an answer says <c>need_clear_history</c> (the input was judged unsafe) the
/// history is cleared instead, as the service asks. Not thread-safe: one conversation, one caller at a time.
/// </summary>
public sealed class ChatCompletionConversation
{
    private readonly ChatCompletionsClient _client;
    private readonly ChatCompletionRequest _template;
    private readonly List<ChatMessage> _history = [];

    /// <summary>Starts a conversation.</summary>
    /// <param name="client">The V2 chat client to send with.</param>
    /// <param name="template">The model and parameters for every turn; its <see cref="ChatCompletionRequest.Messages"/>
    /// may hold a system message (kept across clearing) and nothing else.</param>
    public ChatCompletionConversation(ChatCompletionsClient client, ChatCompletionRequest template)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(template);
        if (template.Messages.Any(m => m?.Role != ChatRole.System) || template.Messages.Count > 1)
        {
            throw new ArgumentException("The template's Messages may hold one system message and nothing else: the conversation keeps the history.", nameof(template));
        }

        _client = client;
        _template = template;
    }

    /// <summary>The turns so far, without the template's system message.</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>Forgets every turn (the system message stays).</summary>
    public void Clear() => _history.Clear();

    /// <summary>Sends a user message with the history and returns the whole reply.</summary>
    /// <exception cref="Errors.QianfanValidationException">The message is empty (naming <c>messages[N].content</c>) or the request breaks another rule.</exception>
    public Task<ChatCompletion> SendAsync(string message, CancellationToken cancellationToken = default) =>
        SendAsync([ChatMessage.User(message)], cancellationToken);

    /// <summary>Sends messages (a user message, or the results of the tools the last answer called) and returns the reply.</summary>
    public async Task<ChatCompletion> SendAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var turn = Turn(messages);
        var completion = await _client.CompleteAsync(Request(turn), cancellationToken).ConfigureAwait(false);
        Record(turn, completion);
        return completion;
    }

    /// <summary>
    /// Sends a user message and yields the reply as it arrives. The turn joins the history once the stream has
    /// ended; a stream that fails or is abandoned leaves the history unchanged.
    /// </summary>
    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(string message, CancellationToken cancellationToken = default) =>
        StreamAsync([ChatMessage.User(message)], cancellationToken);

    /// <summary>Sends messages (a user message, or tool results) and yields the reply as it arrives.</summary>
    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var turn = Turn(messages);
        return StreamCoreAsync(turn, _client.StreamAsync(Request(turn), cancellationToken), cancellationToken);
    }

    private async IAsyncEnumerable<ChatCompletionChunk> StreamCoreAsync(List<ChatMessage> turn, IAsyncEnumerable<ChatCompletionChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var accumulator = new ChatCompletionAccumulator();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Append(chunk);
            yield return chunk;
        }

        Record(turn, accumulator.ToCompletion());
    }

    private static List<ChatMessage> Turn(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return [.. messages];
    }

    private ChatCompletionRequest Request(List<ChatMessage> turn)
    {
        var request = _template.Copy();
        foreach (var message in _history.Concat(turn))
        {
            request.Messages.Add(message);
        }

        return request;
    }

    private void Record(List<ChatMessage> turn, ChatCompletion completion)
    {
        if (completion.NeedClearHistory)
        {
            _history.Clear();
            return;
        }

        // The reasoning is the model's own and is not sent back; an empty answer without tool calls is not kept.
        var toolCalls = completion.ToolCalls;
        if (string.IsNullOrWhiteSpace(completion.Content) && toolCalls.Count == 0)
        {
            return;
        }

        _history.AddRange(turn);
        _history.Add(new ChatMessage(ChatRole.Assistant, completion.Content) { ToolCalls = toolCalls.Count > 0 ? toolCalls : null });
    }
}
