using System.Text.RegularExpressions;

namespace Qianfan.Sdk.PackagingTests;

/// <summary>
/// A new user's app (ConsumerApp/) over the packed SDK, restored from the feed alone: built and run, published with
/// Native AOT and run, published trimmed and run, each time against the emulator tool. The publishes must give no
/// IL2xxx/IL3xxx warning (the app makes them errors, and the output is checked as well).
/// </summary>
[Collection(PackedFeed.Name)]
public sealed partial class ConsumerAppTests(PackagesFixture packages) : IAsyncLifetime
{
    private const string Reply = "这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！";
    private const string QwenReply = "这是通义千问模拟器的回答。你说的是：你好。祝你一切顺利！";
    private const string GlmReply = "这是智谱 GLM 模拟器的回答。你说的是：你好。祝你一切顺利！";

    private static readonly string[] ExpectedLines =
    [
        $"sync: {Reply} | tokens True | request id True",
        $"stream: {Reply} | chunks True",
        $"v2: {Reply} | finish stop",
        $"v2 stream: {Reply}",
        "error: QianfanAuthenticationException invalid_client",
        "v2 error: QianfanException characters_too_long BadRequest",
        $"di: {Reply}",
        $"dashscope: {QwenReply} | Message",
        $"dashscope stream: {QwenReply}",
        $"dashscope di: {QwenReply} | Text",
        $"zhipu jwt: {GlmReply} | stop",
        $"zhipu stream: {GlmReply}",
        "zhipu task: PROCESSING | PROCESSING",
        "zhipu image: True",
        "zhipu error: ZhipuValidationException temperature",
        $"zhipu di: {GlmReply}",
    ];

    private static readonly SemaphoreSlim RestoreGate = new(1, 1);
    private static bool s_restored;

    private string AppDirectory => Path.Combine(packages.WorkDirectory, "ConsumerApp");

    private string VersionProperty => $"-p:QianfanVersion={packages.Version}";

    /// <summary>Copies the app out of the repository and restores it once for the three tests.</summary>
    public async Task InitializeAsync()
    {
        await RestoreGate.WaitAsync();
        try
        {
            if (s_restored)
            {
                return;
            }

            var source = Path.Combine(packages.RepositoryRoot, "tests", "Qianfan.Sdk.PackagingTests", "ConsumerApp");
            Directory.CreateDirectory(AppDirectory);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(AppDirectory, Path.GetFileName(file)), overwrite: true);
            }

            var restore = await DotnetAsync(["restore", VersionProperty]);
            Assert.True(restore.ExitCode == 0, $"restoring the consumer app from the feed failed:\n{restore}");
            Assert.True(
                Directory.Exists(Path.Combine(packages.PackagesFolder, "qianfan.sdk", packages.Version)),
                "Qianfan.Sdk was not restored into the isolated packages folder");
            s_restored = true;
        }
        finally
        {
            RestoreGate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FromTheFeed_BuildsAndRuns()
    {
        var output = Path.Combine(packages.WorkDirectory, "built");
        var build = await DotnetAsync(["build", "-c", "Release", "--no-restore", VersionProperty, "-o", output]);
        Assert.True(build.ExitCode == 0, build.ToString());

        await RunAndCheckAsync(Path.Combine(output, "ConsumerApp"));
    }

    [Fact]
    public async Task PublishedWithNativeAot_HasNoILWarningAndRuns()
    {
        var output = Path.Combine(packages.WorkDirectory, "aot");
        var publish = await DotnetAsync(["publish", "-c", "Release", "--no-restore", VersionProperty, "-o", output, .. NativeToolchain()]);

        AssertPublishedCleanly(publish);
        await RunAndCheckAsync(Path.Combine(output, "ConsumerApp"));
    }

    [Fact]
    public async Task PublishedTrimmed_HasNoILWarningAndRuns()
    {
        var output = Path.Combine(packages.WorkDirectory, "trimmed");
        var publish = await DotnetAsync(["publish", "-c", "Release", "--no-restore", VersionProperty, "-p:PublishAot=false", "-p:PublishTrimmed=true", "-o", output]);

        AssertPublishedCleanly(publish);
        Assert.True(File.Exists(Path.Combine(output, "Qianfan.Sdk.dll")), "the trimmed app has no Qianfan.Sdk.dll");
        await RunAndCheckAsync(Path.Combine(output, "ConsumerApp"));
    }

    /// <summary>
    /// Native AOT links with clang (else gcc). Where only a versioned clang is installed (clang-14, no clang), name it.
    /// </summary>
    private static string[] NativeToolchain()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (path.Any(dir => File.Exists(Path.Combine(dir, "clang"))))
        {
            return [];
        }

        var versioned = path
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.GetFiles(dir, "clang-*"))
            .Select(Path.GetFileName)
            .Where(name => VersionedClang().IsMatch(name!))
            .OrderByDescending(name => int.Parse(name!["clang-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return versioned is null ? [] : [$"-p:CppCompilerAndLinker={versioned}"];
    }

    private static void AssertPublishedCleanly(ProcessResult publish)
    {
        Assert.True(publish.ExitCode == 0, publish.ToString());
        var ilWarnings = publish.Output.Split('\n').Where(line => ILWarning().IsMatch(line)).ToList();
        Assert.True(ilWarnings.Count == 0, "trimming/AOT warnings:\n" + string.Join('\n', ilWarnings));
    }

    private async Task RunAndCheckAsync(string app)
    {
        var run = await Processes.RunAsync(app, [packages.EmulatorUrl], AppDirectory, PackagesFixture.RunTimeout);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ExpectedLines, run.StdOut.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    private Task<ProcessResult> DotnetAsync(string[] args) =>
        Processes.RunAsync(
            Processes.DotnetHost,
            [.. args, "-nologo", "-tl:off", "-nodeReuse:false", "-v:m"],
            AppDirectory,
            PackagesFixture.BuildTimeout,
            packages.ToolEnvironment,
            lowPriority: true);

    [GeneratedRegex(@"^clang-\d+$")]
    private static partial Regex VersionedClang();

    [GeneratedRegex(@"\b(warning|error) IL[23]\d{3}\b")]
    private static partial Regex ILWarning();
}
