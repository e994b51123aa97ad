using System.Globalization;
using Qianfan.Sdk.DashScope.Errors;

namespace Qianfan.Sdk.DashScope.Protocol;

/// <summary>The checks DashScope's documented ranges share; a breach names the field as the body spells it and the rule.</summary>
internal static class Rules
{
    public static DashScopeValidationException Fail(string field, string message) => new(message, field);

    /// <summary>Throws when <paramref name="value"/> is set and outside the range; the brackets say which ends are included.</summary>
    public static void Range(string field, double? value, double min, double max, bool minOpen = false, bool maxOpen = false)
    {
        if (value is not { } v)
        {
            return;
        }

        var above = minOpen ? v > min : v >= min;
        var below = maxOpen ? v < max : v <= max;
        if (!above || !below || double.IsNaN(v))
        {
            throw Fail(field, $"{field} must be in {(minOpen ? "(" : "[")}{Text(min)}, {Text(max)}{(maxOpen ? ")" : "]")}, was {Text(v)}");
        }
    }

    /// <summary>Throws when <paramref name="value"/> is set and below <paramref name="min"/>.</summary>
    public static void AtLeast(string field, long? value, long min)
    {
        if (value is { } v && v < min)
        {
            throw Fail(field, $"{field} must be {min} or more, was {v.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Throws when <paramref name="value"/> is set and not greater than zero.</summary>
    public static void Positive(string field, double? value)
    {
        if (value is { } v && !(v > 0))
        {
            throw Fail(field, $"{field} must be greater than 0, was {Text(v)}");
        }
    }

    private static string Text(double value) => ((float)value).ToString(CultureInfo.InvariantCulture);
}
