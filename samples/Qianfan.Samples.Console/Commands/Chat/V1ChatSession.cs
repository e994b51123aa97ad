using System.Runtime.CompilerServices;
using Qianfan.Sdk.Chat;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>V1 chat through the SDK's <see cref="ChatConversation"/>, which keeps and clears the history itself.</summary>
internal sealed class V1ChatSession(ChatConversation conversation) : IChatSession
{
    public async Task<ChatPiece> SendAsync(string message, CancellationToken cancellationToken)
    {
        var reply = await conversation.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new ChatPiece(reply.Result, "", reply.SearchInfo?.SearchResults ?? [], reply.NeedClearHistory);
    }

    public async IAsyncEnumerable<ChatPiece> StreamAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in conversation.StreamAsync(message, cancellationToken).ConfigureAwait(false))
        {
            yield return new ChatPiece(chunk.Result, "", chunk.SearchInfo?.SearchResults ?? [], chunk.NeedClearHistory);
        }
    }
}
