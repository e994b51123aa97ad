using System.Security.Cryptography;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>Ids shaped like the service's: <c>as-</c> plus 10 lowercase letters and digits for a turn; 32 hex digits for a request.</summary>
internal static class AnswerId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewTurnId() => "as-" + RandomNumberGenerator.GetString(Alphabet, 10);

    public static string NewRequestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
