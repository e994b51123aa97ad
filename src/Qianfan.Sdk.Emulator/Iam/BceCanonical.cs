using System.Text;

namespace Qianfan.Sdk.Emulator.Iam;

/// <summary>
/// The percent-encoding <c>bce-auth-v1</c> signs with: every byte of the UTF-8 text encoded as <c>%XX</c> (upper-case
/// hex) except the RFC 3986 unreserved characters <c>A-Z a-z 0-9 - . _ ~</c> (and <c>/</c> in a path).
/// </summary>
internal static class BceCanonical
{
    public static string Encode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
