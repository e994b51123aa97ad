using System.Globalization;
using System.Security.Cryptography;

namespace Qianfan.Sdk.Emulator.OAuth;

/// <summary>
/// Random credentials shaped like the real service's, e.g. <c>24.&lt;32 hex&gt;.2592000.&lt;unix&gt;.282335-&lt;app id&gt;</c>,
/// so a client that logs or parses them meets realistic values.
/// </summary>
internal static class TokenFormat
{
    public const string Scope = "public brain_all_scope ai_custom_yiyan_com wenxinworkshop_mgr";

    private const long RefreshLifetimeSeconds = 315_360_000;

    public static string AccessToken(long expiresInSeconds, DateTimeOffset expiresAt, string appSuffix) =>
        string.Create(CultureInfo.InvariantCulture, $"24.{Hex(16)}.{expiresInSeconds}.{expiresAt.ToUnixTimeSeconds()}.{appSuffix}");

    public static string RefreshToken(DateTimeOffset issuedAt, string appSuffix) =>
        string.Create(CultureInfo.InvariantCulture, $"25.{Hex(16)}.{RefreshLifetimeSeconds}.{issuedAt.ToUnixTimeSeconds() + RefreshLifetimeSeconds}.{appSuffix}");

    public static string SessionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static string SessionSecret() => Hex(16);

    /// <summary>The <c>&lt;digits&gt;-&lt;digits&gt;</c> tail that names the account and application.</summary>
    public static string AppSuffix() =>
        string.Create(CultureInfo.InvariantCulture, $"282335-{RandomNumberGenerator.GetInt32(10_000_000, 100_000_000)}");

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
