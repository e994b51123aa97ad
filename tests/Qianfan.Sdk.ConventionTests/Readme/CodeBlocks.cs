using System.Text.RegularExpressions;

namespace Qianfan.Sdk.ConventionTests.Readme;

/// <summary>The fenced C# blocks of a Markdown file, each with the line it starts on.</summary>
internal static partial class CodeBlocks
{
    public static IReadOnlyList<(int Line, string Code)> CSharp(string markdownPath)
    {
        var text = File.ReadAllText(markdownPath).ReplaceLineEndings("\n");
        var blocks = new List<(int, string)>();
        foreach (Match match in Fence().Matches(text))
        {
            var line = text.AsSpan(0, match.Index).Count('\n') + 2;
            blocks.Add((line, match.Groups["code"].Value));
        }

        return blocks;
    }

    /// <summary>The repository's root: the nearest folder up from the test's output that holds the solution.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Qianfan.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Qianfan.Sdk.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```(?:csharp|cs|c#)[ \t]*\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
