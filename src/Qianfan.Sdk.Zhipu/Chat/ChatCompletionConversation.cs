using System.Runtime.CompilerServices;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// A multi-turn chat that keeps its own history: each call sends the template's system message, the turns so far and
/// the new message, and on success records the new message and the answer. An answer that calls tools is recorded with
/// its calls; send their results with <see cref="SendAsync(IEnumerable{ChatMessage}, CancellationToken)"/> and
/// <see cref="ChatMessage.Tool"/>. A failed or abandoned call leaves the history as it was. Not thread-safe: one
/// conversation, one caller at a time.
/// </summary>
public sealed class ChatCompletionConversation
{
    private readonly ChatCompletionsClient _client;
    private readonly ChatCompletionRequest _template;
    private readonly List<ChatMessage> _history = [];

    /// <summary>Starts a conversation.</summary>
    /// <param name="client">The chat client to send with.</param>
    /// <param name="template">The model and parameters for every turn; its <see cref="ChatCompletionRequest.Messages"/>
    /// may hold one system message (kept across clearing) and nothing else.</param>
    public ChatCompletionConversation(ChatCompletionsClient client, ChatCompletionRequest template)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(template);
        if (template.Messages.Count > 1 || template.Messages.Any(m => m?.Role != ChatRole.System))
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
    /// <exception cref="Errors.ZhipuValidationException">The message is empty (naming <c>messages[N].content</c>) or the request breaks another rule.</exception>
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
    /// Sends a user message and yields the reply as it arrives. The turn joins the history once the stream has ended;
    /// a stream that fails or is abandoned leaves the history unchanged.
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
        // The reasoning is the model's own and is not sent back; an empty answer without tool calls is not kept (an
        // assistant turn with neither would make every later call fail with 1214).
        var toolCalls = completion.ToolCalls;
        if (string.IsNullOrWhiteSpace(completion.Content) && toolCalls.Count == 0)
        {
            return;
        }

        // A streamed call's index says where its fragments went; the history sends the call whole, without it.
        _history.AddRange(turn);
        _history.Add(new ChatMessage(ChatRole.Assistant, completion.Content) { ToolCalls = toolCalls.Count > 0 ? [.. toolCalls.Select(c => c with { Index = null })] : null });
    }
}
