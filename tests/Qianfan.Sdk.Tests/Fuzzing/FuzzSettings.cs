using System.Globalization;

namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// How much the reader fuzz tests run: a fixed seed and a size that takes a few seconds, unless the environment says
/// otherwise (<c>QIANFAN_FUZZ_SEED</c>, <c>QIANFAN_FUZZ_SCALE</c>; see docs/fuzzing.md).
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultSeed = 20260112;

    /// <summary>The seed every generator starts from; a failure names it, so a run can be repeated.</summary>
    public static int Seed { get; } = Read("QIANFAN_FUZZ_SEED", DefaultSeed);

    /// <summary>A multiplier on every test's number of cases; 1 in CI.</summary>
    public static int Scale { get; } = Math.Max(1, Read("QIANFAN_FUZZ_SCALE", 1));

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
