using System.Globalization;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// The parameter rules Qianfan's V1 families share (chat, completions): ranges, token counts, stop sequences and how
/// characters are counted. A breach is a <see cref="QianfanValidationException"/> naming the field and the rule.
/// </summary>
internal static class ParameterRules
{
    public const int MaxStopEntries = 4;
    public const int MaxStopLength = 20;

    internal static void ValidateStop(IList<string> stop)
    {
        if (stop.Count > MaxStopEntries)
        {
            throw Fail("stop", $"stop must have at most {MaxStopEntries} entries, had {stop.Count}");
        }

        for (var i = 0; i < stop.Count; i++)
        {
            if (string.IsNullOrEmpty(stop[i]))
            {
                throw Fail($"stop[{i}]", $"stop[{i}] must not be empty");
            }

            var length = CountCharacters(stop[i]);
            if (length > MaxStopLength)
            {
                throw Fail($"stop[{i}]", $"stop[{i}] must be at most {MaxStopLength} characters, was {length}");
            }
        }
    }

    /// <summary>Throws when <paramref name="value"/> is set and outside [min, max] (or (min, max] when <paramref name="lowerOpen"/>).</summary>
    internal static void CheckRange(string field, float? value, float min, float max, bool lowerOpen = false)
    {
        if (value is not { } v)
        {
            return;
        }

        var aboveMin = lowerOpen ? v > min : v >= min;
        if (!aboveMin || !(v <= max))
        {
            var text = v.ToString(CultureInfo.InvariantCulture);
            throw Fail(field, $"{field} must be in {(lowerOpen ? "(" : "[")}{Format(min)}, {Format(max)}], was {text}");
        }
    }

    /// <summary>Characters as the service counts them: Unicode code points, so a surrogate pair is one.</summary>
    internal static int CountCharacters(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary>Throws when a token count is outside [2, 2048].</summary>
    internal static void CheckTokens(string field, int value)
    {
        if (value is < 2 or > 2048)
        {
            throw Fail(field, $"{field} must be in [2, 2048], was {value}");
        }
    }

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    internal static QianfanValidationException Fail(string field, string message) => new(message, field);
}
