using System.Runtime.CompilerServices;
using Qianfan.Sdk.Chat;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>
/// V2 chat completions through the SDK's <see cref="ChatCompletionConversation"/>, which keeps the history (system
/// message first) and clears it when a reply says <c>need_clear_history</c>, as V1's does. The images of
/// <c>--image</c> go with the first message.
/// </summary>
internal sealed class V2ChatSession(ChatCompletionConversation conversation, IReadOnlyList<ChatContentPart> images) : IChatSession
{
    private IReadOnlyList<ChatContentPart> _images = images;

    public async Task<ChatPiece> SendAsync(string message, CancellationToken cancellationToken)
    {
        var reply = await conversation.SendAsync([Turn(message)], cancellationToken).ConfigureAwait(false);
        return new ChatPiece(reply.Content, reply.ReasoningContent ?? "", reply.SearchResults, reply.NeedClearHistory);
    }

    public async IAsyncEnumerable<ChatPiece> StreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in conversation.StreamAsync([Turn(message)], cancellationToken).ConfigureAwait(false))
        {
            yield return new ChatPiece(chunk.ContentDelta, chunk.ReasoningDelta, chunk.SearchResults, chunk.Choices.Any(c => c?.NeedClearHistory == true));
        }
    }

    /// <summary>The user's message; the first one in parts with the images, when there are any.</summary>
    private ChatMessage Turn(string message)
    {
        if (_images.Count == 0)
        {
            return ChatMessage.User(message);
        }

        var parts = new List<ChatContentPart> { ChatContentPart.FromText(message) };
        parts.AddRange(_images);
        _images = [];
        return ChatMessage.User(parts);
    }
}
