namespace Qianfan.Sdk.ConventionTests.Readme;

/// <summary>Every C# block in README.md compiles as pasted, usings included: a newcomer's first copy must work.</summary>
public sealed class ReadmeSnippetTests
{
    private static readonly string Readme = Path.Combine(CodeBlocks.RepositoryRoot(), "README.md");

    public static TheoryData<int> Blocks()
    {
        var data = new TheoryData<int>();
        foreach (var (line, _) in CodeBlocks.CSharp(Readme))
        {
            data.Add(line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CSharpBlock_CompilesAsPasted(int line)
    {
        var code = CodeBlocks.CSharp(Readme).Single(b => b.Line == line).Code;

        var errors = SnippetCompiler.Errors(code);

        Assert.True(errors.Count == 0, $"README.md's C# block at line {line} does not compile:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    [Fact]
    public void Readme_HasCSharpBlocks()
    {
        // A guard for the guard: a README whose blocks stopped being found would make the theory above vacuous.
        Assert.True(CodeBlocks.CSharp(Readme).Count >= 5);
    }

    [Fact]
    public void Compiler_RejectsABrokenSnippet()
    {
        Assert.NotEmpty(SnippetCompiler.Errors("using Qianfan.Sdk;\nvar x = new QianfanClient(undefinedVariable);"));
        Assert.Empty(SnippetCompiler.Errors("using Qianfan.Sdk;\nusing var client = new QianfanClient(new QianfanCredentials { ApiKey = \"a\", SecretKey = \"b\" });"));
    }
}
