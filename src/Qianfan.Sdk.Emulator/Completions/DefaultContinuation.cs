namespace Qianfan.Sdk.Emulator.Completions;

/// <summary>
/// The built-in continuation: deterministic, specific to the prompt (it quotes it) and three sentences long, so a
/// stream of it has several pieces.
/// </summary>
internal static class DefaultContinuation
{
    public static string For(string prompt) => $"这是千帆模拟器的续写。接着“{prompt}”往下写。祝你一切顺利！";
}
