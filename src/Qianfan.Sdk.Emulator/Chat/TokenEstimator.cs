using SdkEstimator = Qianfan.Sdk.Tokenizer.TokenEstimator;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Deterministic token counts for <c>usage</c> and the token limits of every API: the SDK's public
/// <see cref="SdkEstimator"/> (the rule of Baidu's Go SDK: 0.625 tokens per Han character plus one per
/// other word), so the emulator counts as the SDK estimates; and characters as the service counts them.
/// </summary>
internal static class TokenEstimator
{
    public static int Count(string text) => SdkEstimator.Estimate(text);

    public static int Count(IEnumerable<string> texts) => SdkEstimator.Estimate(texts);

    /// <summary>Characters as the service counts them: Unicode code points, not UTF-16 units.</summary>
    public static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
