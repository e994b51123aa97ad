namespace Qianfan.Sdk.PackagingTests;

/// <summary>Both tools as a user installs them from the feed: the emulator serves and says how to reach it, the CLI chats.</summary>
[Collection(PackedFeed.Name)]
public sealed class ToolTests(PackagesFixture packages)
{
    private const string Reply = "这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！";

    [Fact]
    public void EmulatorTool_PrintsItsUrlEveryCredentialAndEveryRoute()
    {
        var banner = packages.EmulatorBanner;

        Assert.StartsWith($"Qianfan emulator listening on {packages.EmulatorUrl}", banner, StringComparison.Ordinal);
        foreach (var credential in new[]
                 {
                     "emulator-api-key", "emulator-secret-key", "emulator-iam-access-key", "emulator-iam-secret-key",
                     "bce-v3/ALTAK-emulator/emulator-v2-secret", "sk-emulator-dashscope", "emulator-zhipu-id.emulator-zhipu-secret",
                 })
        {
            Assert.Contains(credential, banner, StringComparison.Ordinal);
        }

        foreach (var (methods, path) in PackageContentTests.Routes(packages.RepositoryRoot))
        {
            Assert.Matches($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(methods)}\s+{System.Text.RegularExpressions.Regex.Escape(path)}\s", banner);
        }
    }

    [Fact]
    public async Task EmulatorTool_HelpNamesTheCommandItsOptionsAndEveryRoute()
    {
        var help = await RunToolAsync("qianfan-emulator", ["--help"]);

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Usage: qianfan-emulator [options]", help.StdOut, StringComparison.Ordinal);
        foreach (var option in new[] { "--host", "--port", "--api-key", "--secret-key", "--iam-access-key", "--iam-secret-key", "--v2-api-key", "--dashscope-api-key", "--zhipu-api-key", "--verbose" })
        {
            Assert.Contains(option, help.StdOut, StringComparison.Ordinal);
        }

        foreach (var (_, path) in PackageContentTests.Routes(packages.RepositoryRoot))
        {
            Assert.Contains(path, help.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CliTool_WithNoCredentials_ChatsWithTheBuiltInEmulator_AsDotnetRunDoes()
    {
        var tool = await RunToolAsync("qianfan", ["chat", "你好"]);
        Assert.True(tool.ExitCode == 0, tool.ToString());
        Assert.Equal(Reply + "\n", tool.StdOut);
        Assert.Contains("offline Qianfan emulator", tool.StdErr, StringComparison.Ordinal);

        // The same command from a clone of the repository (the Release build the pack made).
        var fromSource = await Processes.RunAsync(
            Processes.DotnetHost,
            ["run", "--project", Path.Combine(packages.RepositoryRoot, "samples", "Qianfan.Samples.Console"), "-c", "Release", "--no-build", "--", "chat", "你好"],
            packages.RepositoryRoot,
            PackagesFixture.RunTimeout);
        Assert.True(fromSource.ExitCode == 0, fromSource.ToString());
        Assert.Equal(fromSource.StdOut, tool.StdOut);
    }

    [Fact]
    public async Task CliTool_StreamsV2FromTheEmulatorTool()
    {
        var environment = new Dictionary<string, string>(packages.ToolEnvironment)
        {
            ["QIANFAN_V2_BASE_URL"] = packages.EmulatorUrl,
            ["QIANFAN_API_KEY"] = "bce-v3/ALTAK-emulator/emulator-v2-secret",
        };

        var result = await RunToolAsync("qianfan", ["chat", "--api", "v2", "--stream", "你好"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Reply, result.StdOut.TrimEnd('\n'));
        Assert.DoesNotContain("offline Qianfan emulator", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliTool_HelpAndHintsNameTheInstalledCommand()
    {
        var help = await RunToolAsync("qianfan", ["--help"]);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.StartsWith("usage: qianfan <command> [options]", help.StdOut, StringComparison.Ordinal);
        Assert.Contains("Run 'qianfan <command> --help'", help.StdOut, StringComparison.Ordinal);

        var chatHelp = await RunToolAsync("qianfan", ["chat", "--help"]);
        Assert.True(chatHelp.ExitCode == 0, chatHelp.ToString());
        Assert.StartsWith("usage: qianfan chat [options] [MESSAGE]", chatHelp.StdOut, StringComparison.Ordinal);

        var mistake = await RunToolAsync("qianfan", ["chat", "--bogus"]);
        Assert.Equal(2, mistake.ExitCode);
        Assert.Contains("run 'qianfan chat --help' for usage", mistake.StdErr, StringComparison.Ordinal);
    }

    private Task<ProcessResult> RunToolAsync(string command, string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        Processes.RunAsync(packages.Tool(command), args, packages.WorkDirectory, PackagesFixture.RunTimeout, environment ?? packages.ToolEnvironment);
}
