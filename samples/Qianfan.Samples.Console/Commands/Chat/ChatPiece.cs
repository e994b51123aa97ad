using Qianfan.Sdk.Chat;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>
/// A reply of a turn, or a piece of a streamed one: its text (stdout), the model's reasoning (stderr), the pages it
/// cites (stderr), and whether the service asked to clear the history.
/// </summary>
internal readonly record struct ChatPiece(string Text, string Reasoning, IReadOnlyList<ChatSearchResult> Sources, bool ClearHistory);
