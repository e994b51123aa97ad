using System.Globalization;
using System.Text;

namespace Qianfan.Sdk.Emulator.Tools;

/// <summary>
/// The emulator's documented rule for when a model calls a tool instead of answering (see
/// <see cref="QianfanEmulatorOptions.ToolCallTrigger"/>): the last message is the user's, and it names the tool or
/// contains a word of the tool's name or description, or a trigger phrase. Words: a name is cut at <c>_</c>,
/// <c>-</c>, <c>.</c> and lower-to-upper case changes (<c>get_weather</c>, <c>getWeather</c> → get, weather); a
/// description at spaces and punctuation; each ASCII word of three letters or more counts except a few too common to
/// mean anything (get, set, the, and, for, with, from, this, that, use, tool, tools, function); in Chinese (CJK) text every two
/// neighbouring characters count as a word, except pairs with 的, 了, 是, 和, 与 or 或. Matching ignores case.
/// </summary>
internal static class ToolMatcher
{
    /// <summary>The English trigger phrase that, like <see cref="QianfanEmulatorOptions.ToolCallTrigger"/>, asks for a call of the first tool.</summary>
    public const string EnglishTrigger = "use a tool";

    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "get", "set", "the", "and", "for", "with", "from", "this", "that", "use", "tool", "tools", "function",
    };

    private const string FunctionCharacters = "的了是和与或";

    /// <summary>
    /// The tools <paramref name="message"/> asks for, in the request's order: those it names (all of them, or only the
    /// first when <paramref name="parallel"/> is false); the first tool when it only contains a trigger; none otherwise.
    /// </summary>
    public static IReadOnlyList<ToolDefinition> Match(string message, IReadOnlyList<ToolDefinition> tools, string? trigger, bool parallel)
    {
        if (tools.Count == 0)
        {
            return [];
        }

        var named = tools.Where(t => Names(message, t)).ToList();
        if (named.Count > 0)
        {
            return parallel ? named : [named[0]];
        }

        var triggered = trigger is not null
            && (message.Contains(trigger, StringComparison.OrdinalIgnoreCase) || message.Contains(EnglishTrigger, StringComparison.OrdinalIgnoreCase));
        return triggered ? [tools[0]] : [];
    }

    /// <summary>Whether <paramref name="message"/> names <paramref name="tool"/> or contains one of its words.</summary>
    public static bool Names(string message, ToolDefinition tool) =>
        (tool.Name.Length >= 3 && message.Contains(tool.Name, StringComparison.OrdinalIgnoreCase))
        || Words(tool).Any(word => message.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The words of a tool's name and description that count, as the rule says.</summary>
    public static IEnumerable<string> Words(ToolDefinition tool) =>
        NameWords(tool.Name).Concat(TextWords(tool.Description ?? ""))
            .Where(w => (w.Length >= 3 || (w.Length == 2 && IsCjk(w[0]))) && !CommonWords.Contains(w))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> NameWords(string name)
    {
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var split = c is '_' or '-' or '.' || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (split && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            if (c is not ('_' or '-' or '.'))
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }

        foreach (var cjk in TextWords(name))
        {
            yield return cjk;
        }
    }

    private static IEnumerable<string> TextWords(string text)
    {
        var ascii = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                ascii.Append(c);
                continue;
            }

            if (ascii.Length >= 3)
            {
                yield return ascii.ToString();
            }

            ascii.Clear();
            if (IsCjk(c) && i + 1 < text.Length && IsCjk(text[i + 1])
                && !FunctionCharacters.Contains(c, StringComparison.Ordinal) && !FunctionCharacters.Contains(text[i + 1], StringComparison.Ordinal))
            {
                yield return text.Substring(i, 2);
            }
        }

        if (ascii.Length >= 3)
        {
            yield return ascii.ToString();
        }
    }

    private static bool IsCjk(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= '\u2E80';
}
