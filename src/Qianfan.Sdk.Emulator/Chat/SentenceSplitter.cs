namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Splits a reply into the pieces a stream sends: a piece ends after a run of sentence-ending marks
/// (<c>。！？；…</c> at once, <c>.!?;</c> when followed by a space or the end) or a line break.
/// Joining the pieces gives back the reply exactly.
/// </summary>
internal static class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!EndsSentence(text, i))
            {
                i++;
                continue;
            }

            while (i < text.Length && EndsSentence(text, i))
            {
                i++;
            }

            pieces.Add(text[start..i]);
            start = i;
        }

        if (start < text.Length || pieces.Count == 0)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }

    private static bool EndsSentence(string text, int i) => text[i] switch
    {
        '。' or '！' or '？' or '；' or '…' or '\n' => true,
        '.' or '!' or '?' or ';' => i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || IsClosingRun(text, i + 1),
        _ => false,
    };

    // Lets "?!" or "..." followed by a space end together.
    private static bool IsClosingRun(string text, int i) =>
        text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || IsClosingRun(text, i + 1));
}
