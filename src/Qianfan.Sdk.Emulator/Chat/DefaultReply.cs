namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// The built-in reply: deterministic, specific to the request (it quotes the last user message verbatim) and three
/// sentences long, so a stream of it has several pieces.
/// </summary>
internal static class DefaultReply
{
    public static string For(ChatReplyContext context) =>
        $"这是千帆模拟器的回答。你说的是：{context.LastUserMessage}。祝你一切顺利！";
}
