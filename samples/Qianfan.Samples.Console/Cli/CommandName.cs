namespace Qianfan.Samples.Console.Cli;

/// <summary>The command a user types to run this program, for hints such as "run '… --help'".</summary>
internal static class CommandName
{
    /// <summary>The .NET tool's command (<c>ToolCommandName</c> in the project file).</summary>
    public const string Tool = "qianfan";

    /// <summary>The same program run from a clone of the repository.</summary>
    public const string FromSource = "dotnet run --project samples/Qianfan.Samples.Console --";

    /// <summary><see cref="Tool"/> when running as the installed tool (its files sit in the package's tools/TFM/any/), else <see cref="FromSource"/>.</summary>
    public static string Current { get; } = IsInstalledTool(AppContext.BaseDirectory) ? Tool : FromSource;

    private static bool IsInstalledTool(string baseDirectory)
    {
        var parts = baseDirectory.Replace('\\', '/').TrimEnd('/').Split('/');
        return parts.Length >= 3 && parts[^1] == "any" && parts[^3] == "tools";
    }
}
