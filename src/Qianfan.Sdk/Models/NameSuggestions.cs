namespace Qianfan.Sdk.Models;

/// <summary>The known names closest to one the catalog does not know, by edit distance (case ignored).</summary>
internal static class NameSuggestions
{
    /// <summary>Up to <paramref name="count"/> names from <paramref name="known"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> known, int count = 3) =>
        [.. known.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (Name: k, Distance: Distance(name, k)))
            .Where(k => k.Distance <= Math.Max(3, name.Length / 2))
            .OrderBy(k => k.Distance)
            .ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(k => k.Name)];

    /// <summary>
    /// Whether <paramref name="name"/> is clearly a typo of <paramref name="known"/>: the same name with other separators
    /// (<c>-</c>, <c>_</c>, <c>.</c> and spaces alike) or case, or one edit away (two for names of ten characters or
    /// more) after that. Names whose digits differ are never typos of each other: <c>ERNIE-4.5-8K</c> is another
    /// version, not a misspelt <c>ERNIE-3.5-8K</c>.
    /// </summary>
    public static bool IsTypo(string name, string known)
    {
        if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase) || !Digits(name).SequenceEqual(Digits(known)))
        {
            return false;
        }

        return TypoDistance(name, known) <= (name.Length >= 10 ? 2 : 1);
    }

    /// <summary>The edit distance once case and separators are ignored; what ranks typo candidates.</summary>
    public static int TypoDistance(string name, string known) => Distance(Normalize(name), Normalize(known));

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent swaps), case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Normalize(string name) => name.Replace('_', '-').Replace('.', '-').Replace(' ', '-');

    private static IEnumerable<char> Digits(string name) => name.Where(char.IsAsciiDigit);
}
