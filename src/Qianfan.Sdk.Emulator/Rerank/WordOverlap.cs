using System.Globalization;
using System.Text;

namespace Qianfan.Sdk.Emulator.Rerank;

/// <summary>
/// The emulator's relevance: the share of the query's words that a document contains, in [0, 1]. A word is a run of
/// letters and digits (case ignored), and every CJK character is a word of its own, so 苹果 matches 苹果手机 by two
/// of its two words. Deterministic, and ordered the way a reader expects for simple texts.
/// </summary>
internal static class WordOverlap
{
    public static double Score(string query, string document)
    {
        var wanted = Words(query);
        if (wanted.Count == 0)
        {
            return 0;
        }

        var present = Words(document);
        return (double)wanted.Count(present.Contains) / wanted.Count;
    }

    public static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                Flush(words, current);
                words.Add(rune.ToString());
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                Flush(words, current);
            }
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(HashSet<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>Han ideographs, kana and hangul: scripts written without spaces between words.</summary>
    private static bool IsCjk(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter && rune.Value is
        (>= 0x2E80 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x323AF);
}
