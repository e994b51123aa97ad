namespace Qianfan.Sdk.Emulator.CommandLine;

/// <summary>
/// The routes the emulator serves, as <c>routes.txt</c> (embedded) lists them: the one list that the help, the start-up
/// banner and the package's description all print.
/// </summary>
internal static class EmulatorRoutes
{
    private const string ResourceName = "Qianfan.Sdk.Emulator.routes.txt";

    /// <summary>The route lines (method(s), path, what it is), comments left out.</summary>
    public static IReadOnlyList<string> Lines { get; } = Load();

    private static string[] Load()
    {
        using var stream = typeof(EmulatorRoutes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .ToArray();
    }
}
