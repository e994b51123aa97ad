using System.Text;
using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Recording;

/// <summary>Replaces secret values with <c>***</c> in what is recorded, so a recording can be printed or asserted freely.</summary>
internal static class SecretMasker
{
    public const string Mask = "***";

    private static readonly string[] SecretParameters = ["access_token", "client_secret"];
    private static readonly string[] SecretHeaders = ["Authorization"];

    public static bool IsSecretParameter(string name) =>
        SecretParameters.Contains(name, StringComparer.OrdinalIgnoreCase);

    public static bool IsSecretHeader(string name) =>
        SecretHeaders.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Masks secret values in <c>a=1&amp;b=2</c> text (a query without its <c>?</c>, or a form body), keeping the
    /// rest byte for byte.
    /// </summary>
    public static string MaskUrlEncoded(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var pair in text.Split('&'))
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            builder.Append(equals >= 0 && IsSecretParameter(name) ? pair[..(equals + 1)] + Mask : pair);
        }

        return builder.ToString();
    }

    public static string MaskQueryString(QueryString query) =>
        query.HasValue ? "?" + MaskUrlEncoded(query.Value![1..]) : string.Empty;
}
