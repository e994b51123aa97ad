using System.Text;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>
/// The offline token estimate of Baidu's official SDK: 0.625 tokens per Chinese (Han) character plus one per word
/// of other text, where punctuation and spaces separate words. Fast and free, but an estimate: the service's own
/// count (<see cref="TokenizerClient"/>) is exact.
/// </summary>
public static class TokenEstimator
{
    private const double HanTokens = 0.625;
    private const double WordTokens = 1.0;

    /// <summary>The estimated tokens of <paramref name="text"/>; 0 for null or empty.</summary>
    public static int Estimate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

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
            else if (Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                words++;
                inWord = true;
            }
        }

        return (int)((han * HanTokens) + (words * WordTokens));
    }

    /// <summary>The estimated tokens of several texts together.</summary>
    public static int Estimate(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Sum(Estimate);
    }

    /// <summary>Whether a character is of the Han script (CJK ideographs, their extensions, radicals and compatibility forms).</summary>
    internal static bool IsHan(Rune rune) => rune.Value is
        (>= 0x2E80 and <= 0x2FDF) or 0x3005 or 0x3007 or (>= 0x3021 and <= 0x3029) or (>= 0x3038 and <= 0x303B)
        or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
        or (>= 0x20000 and <= 0x2FA1F) or (>= 0x30000 and <= 0x323AF);
}
