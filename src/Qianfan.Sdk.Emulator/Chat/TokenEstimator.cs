using System.Text;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Deterministic token counts for <c>usage</c> and the token limits, by the estimate Baidu's own SDK documents:
/// one token per Chinese character plus 1.3 per word of other text (punctuation and spaces count nothing).
/// </summary>
internal static class TokenEstimator
{
    public static int Count(string text)
    {
        var han = 0;
        var words = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHan(rune))
            {
                han++;
                inWord = false;
            }
            else if (Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune) || Rune.IsSymbol(rune) || Rune.IsControl(rune))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                words++;
                inWord = true;
            }
        }

        return han + (int)(words * 1.3);
    }

    public static int Count(IEnumerable<string> texts) => texts.Sum(Count);

    /// <summary>Characters as the service counts them: Unicode code points, not UTF-16 units.</summary>
    public static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsHan(Rune rune) =>
        rune.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F);
}
