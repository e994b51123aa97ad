using System.Globalization;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>
/// The rules Zhipu's parameters share: ranges with the service's precision (two decimals), lengths counted as the
/// service counts characters. A breach is a <see cref="ZhipuValidationException"/> naming the field and the rule.
/// </summary>
internal static class ParameterRules
{
    /// <summary>Throws when <paramref name="value"/> is set and outside [min, max] or has more than two decimals.</summary>
    public static void CheckTwoDecimals(string field, float? value, float min, float max)
    {
        if (value is not { } v)
        {
            return;
        }

        // In range first: NaN and the infinities fail here, before the decimal conversion (which they would overflow).
        if (!(v >= min && v <= max) || !HasAtMostTwoDecimals(v))
        {
            throw Fail(field, $"{field} must be in [{Format(min)}, {Format(max)}] with at most two decimals, was {Format(v)}");
        }
    }

    /// <summary>Whether <paramref name="value"/>, as written (a float's shortest form), has at most two decimals.</summary>
    public static bool HasAtMostTwoDecimals(float value)
    {
        var written = (decimal)value;
        return decimal.Round(written, 2) == written;
    }

    /// <summary>Throws when <paramref name="value"/> is set and its length (in characters as the service counts them) is outside [min, max].</summary>
    public static void CheckLength(string field, string? value, int min, int max)
    {
        if (value is null)
        {
            return;
        }

        var length = CountCharacters(value);
        if (length < min || length > max)
        {
            throw Fail(field, $"{field} must be {min} to {max} characters, was {length}");
        }
    }

    /// <summary>Characters as the service counts them: Unicode code points, so a surrogate pair is one.</summary>
    public static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    public static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    public static ZhipuValidationException Fail(string field, string message) => new(message, field);
}
