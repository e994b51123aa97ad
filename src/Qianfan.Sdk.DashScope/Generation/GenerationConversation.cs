using System.Runtime.CompilerServices;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// A multi-turn conversation that keeps its own history, as DashScope's multi-turn example does by hand: each turn
/// sends the system message, the history and the new message, and on success appends both the message and the
/// reply's <see cref="GenerationResponse.Message"/> (whichever format the reply came in). A turn that fails throws and
/// leaves the history as it was — no code reads a failed reply's output. An answer that calls tools joins the history
/// with its calls; send their results with <see cref="SendAsync(IEnumerable{GenerationMessage}, CancellationToken)"/>
/// and <see cref="GenerationMessage.Tool"/>. Not thread-safe: one conversation, one caller at a time.
/// </summary>
public sealed class GenerationConversation
{
    private readonly GenerationClient _client;
    private readonly GenerationRequest _template;
    private readonly List<GenerationMessage> _history = [];

    /// <summary>Starts a conversation.</summary>
    /// <param name="client">The client to send with.</param>
    /// <param name="template">The model and parameters of every turn; its <see cref="GenerationRequest.Messages"/> may
    /// hold one system message and nothing else, and it has no <see cref="GenerationRequest.Prompt"/>.</param>
    public GenerationConversation(GenerationClient client, GenerationRequest template)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(template);
        if (template.Messages.Count > 1 || template.Messages.Any(m => m?.Role != GenerationRole.System))
        {
            throw new ArgumentException("The template's Messages may hold one system message and nothing else: the conversation keeps the history.", nameof(template));
        }

        if (template.Prompt is not null)
        {
            throw new ArgumentException("The template must have no Prompt: a conversation sends messages.", nameof(template));
        }

        _client = client;
        _template = template;
    }

    /// <summary>The turns so far (user, assistant, …), without the template's system message.</summary>
    public IReadOnlyList<GenerationMessage> History => _history;

    /// <summary>Forgets every turn (the system message stays).</summary>
    public void Clear() => _history.Clear();

    /// <summary>Sends a user message with the history and returns the whole reply, which joins the history.</summary>
    /// <exception cref="Errors.DashScopeValidationException">The message is empty (naming <c>input.messages[N].content</c>) or the request breaks another rule.</exception>
    /// <exception cref="Errors.DashScopeException">The service failed; the history is unchanged.</exception>
    public Task<GenerationResponse> SendAsync(string message, CancellationToken cancellationToken = default) =>
        SendAsync([GenerationMessage.User(message)], cancellationToken);

    /// <summary>Sends messages (a user message, or the results of the tools the last answer called) and returns the reply.</summary>
    public async Task<GenerationResponse> SendAsync(IEnumerable<GenerationMessage> messages, CancellationToken cancellationToken = default)
    {
        var turn = Turn(messages);
        var reply = await _client.CompleteAsync(Request(turn), cancellationToken).ConfigureAwait(false);
        Record(turn, reply);
        return reply;
    }

    /// <summary>
    /// Sends a user message and yields the reply as it arrives. The turn joins the history once the stream has ended
    /// with its last event; a stream that fails or is abandoned leaves the history unchanged.
    /// </summary>
    public IAsyncEnumerable<GenerationChunk> StreamAsync(string message, CancellationToken cancellationToken = default) =>
        StreamAsync([GenerationMessage.User(message)], cancellationToken);

    /// <summary>Sends messages (a user message, or tool results) and yields the reply as it arrives.</summary>
    public IAsyncEnumerable<GenerationChunk> StreamAsync(IEnumerable<GenerationMessage> messages, CancellationToken cancellationToken = default)
    {
        var turn = Turn(messages);
        return StreamCoreAsync(turn, _client.StreamAsync(Request(turn), cancellationToken), cancellationToken);
    }

    private async IAsyncEnumerable<GenerationChunk> StreamCoreAsync(List<GenerationMessage> turn, IAsyncEnumerable<GenerationChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        GenerationChunk? last = null;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            last = chunk;
            yield return chunk;
        }

        if (last is { IsLast: true })
        {
            Record(turn, GenerationStreamExtensions.ToResponse(last));
        }
    }

    private static List<GenerationMessage> Turn(IEnumerable<GenerationMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return [.. messages];
    }

    private GenerationRequest Request(List<GenerationMessage> turn)
    {
        var request = _template.Copy();
        foreach (var message in _history.Concat(turn))
        {
            request.Messages.Add(message);
        }

        return request;
    }

    private void Record(List<GenerationMessage> turn, GenerationResponse reply)
    {
        // The reasoning is the model's own and is not sent back; an answer with neither text nor tool calls is not kept.
        var calls = reply.ToolCalls;
        if (string.IsNullOrWhiteSpace(reply.Text) && calls.Count == 0)
        {
            return;
        }

        _history.AddRange(turn);
        _history.Add(GenerationMessage.Assistant(reply.Text, calls));
    }
}
