namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>One conversation with a chat API, keeping its history; the CLI runs V1 and V2 through it alike.</summary>
internal interface IChatSession
{
    /// <summary>Sends a turn; returns the whole reply.</summary>
    Task<ChatPiece> SendAsync(string message, CancellationToken cancellationToken);

    /// <summary>Sends a turn and yields the reply's pieces as they arrive.</summary>
    IAsyncEnumerable<ChatPiece> StreamAsync(string message, CancellationToken cancellationToken);
}
