namespace Qianfan.Sdk.Emulator;

/// <summary>One message of a received chat request, as a reply function sees it.</summary>
/// <param name="Role">The sender: <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The message text.</param>
public sealed record ChatReplyMessage(string Role, string Content);
