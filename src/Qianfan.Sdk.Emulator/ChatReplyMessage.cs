namespace Qianfan.Sdk.Emulator;

/// <summary>One message of a received chat request, as a reply function sees it.</summary>
/// <param name="Role">The sender: <c>user</c> or <c>assistant</c>; with function calling or tools also <c>function</c> (V1) or <c>tool</c> (V2).</param>
/// <param name="Content">The message text (a function's or tool's result for those roles).</param>
public sealed record ChatReplyMessage(string Role, string Content);
