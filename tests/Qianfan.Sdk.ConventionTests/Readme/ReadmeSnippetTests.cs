namespace Qianfan.Sdk.ConventionTests.Readme;

/// <summary>
/// Every C# block in README.md, and in each package's README (what nuget.org shows), compiles as pasted, usings
/// included: a newcomer's first copy must work.
/// </summary>
public sealed class ReadmeSnippetTests
{
    private static readonly string Root = CodeBlocks.RepositoryRoot();

    private static readonly string Readme = Path.Combine(Root, "README.md");

    /// <summary>README.md, then the package READMEs: each project's under src/ and the CLI's.</summary>
    private static IEnumerable<string> Readmes() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Root, "samples", "Qianfan.Samples.Console", "README.md"))
            .Where(File.Exists)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Prepend("README.md");

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var readme in Readmes())
        {
            foreach (var (line, _) in CodeBlocks.CSharp(Path.Combine(Root, readme)))
            {
                data.Add(readme, line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CSharpBlock_CompilesAsPasted(string readme, int line)
    {
        var code = CodeBlocks.CSharp(Path.Combine(Root, readme)).Single(b => b.Line == line).Code;

        var errors = SnippetCompiler.Errors(code);

        Assert.True(errors.Count == 0, $"{readme}'s C# block at line {line} does not compile:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    [Fact]
    public void Readme_HasCSharpBlocks()
    {
        // A guard for the guard: a README whose blocks stopped being found would make the theory above vacuous.
        Assert.True(CodeBlocks.CSharp(Readme).Count >= 5);
        Assert.Contains(Readmes(), readme => readme == "src/Qianfan.Sdk/README.md");
        Assert.NotEmpty(CodeBlocks.CSharp(Path.Combine(Root, "src", "Qianfan.Sdk", "README.md")));
    }

    [Fact]
    public void Compiler_RejectsABrokenSnippet()
    {
        Assert.NotEmpty(SnippetCompiler.Errors("using Qianfan.Sdk;\nvar x = new QianfanClient(undefinedVariable);"));
        Assert.Empty(SnippetCompiler.Errors("using Qianfan.Sdk;\nusing var client = new QianfanClient(new QianfanCredentials { ApiKey = \"a\", SecretKey = \"b\" });"));
    }
}
