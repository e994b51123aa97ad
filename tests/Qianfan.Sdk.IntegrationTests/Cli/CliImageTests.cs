using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary><c>image</c> as a process: V1 writes PNG files and prints their paths, V2 prints URLs.</summary>
[Collection(CliProcess.Collection)]
public sealed class CliImageTests : IDisposable
{
    private static readonly string NL = Environment.NewLine;
    private readonly string _directory = Directory.CreateTempSubdirectory("qianfan-cli-image-").FullName;

    [Fact]
    public async Task V1_WritesThePngToOut_AndPrintsItsPath()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var file = Path.Combine(_directory, "cat.png");

        var result = await CliProcess.RunAsync(["image", "--size", "768x1024", "--out", file, "一只猫"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(file + NL, result.StdOut);
        var png = PngFile.Decode(await File.ReadAllBytesAsync(file));
        Assert.Equal((768, 1024), (png.Width, png.Height));
    }

    [Fact]
    public async Task V1_SeveralImagesAreNumbered()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var file = Path.Combine(_directory, "cat.png");

        var result = await CliProcess.RunAsync(["image", "--n", "3", "--size", "768x768", "--out", file, "一只猫"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] expected = [.. Enumerable.Range(1, 3).Select(i => Path.Combine(_directory, $"cat-{i}.png"))];
        Assert.Equal(string.Concat(expected.Select(p => p + NL)), result.StdOut);
        Assert.All(expected, p => Assert.Equal(768, PngFile.Decode(File.ReadAllBytes(p)).Width));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task V1_DefaultsToImagePngInTheWorkingDirectory()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var file = Path.Combine(AppContext.BaseDirectory, "image.png");
        File.Delete(file);

        var result = await CliProcess.RunAsync(["image", "--size", "768x768", "猫"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("image.png" + NL, result.StdOut);
        Assert.Equal(768, PngFile.Decode(await File.ReadAllBytesAsync(file)).Height);
        File.Delete(file);
    }

    [Fact]
    public async Task V2_PrintsOneUrlPerImage_ThatServesAPng()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var environment = new Dictionary<string, string> { ["QIANFAN_API_KEY"] = emu.V2ApiKey, ["QIANFAN_V2_BASE_URL"] = emu.BaseUrl };

        var result = await CliProcess.RunAsync(["image", "--api", "v2", "--n", "2", "--size", "320x200", "猫"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var urls = result.StdOut.Split(NL, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, urls.Length);
        using var http = new HttpClient();
        foreach (var url in urls)
        {
            Assert.StartsWith(emu.BaseUrl + "/", url, StringComparison.Ordinal);
            Assert.Equal((320, 200), PngFile.Decode(await http.GetByteArrayAsync(url)) is var png ? (png.Width, png.Height) : default);
        }
    }

    [Fact]
    public async Task ASizeV1DoesNotDraw_Exit2NamingTheField_NothingWritten()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions());
        var file = Path.Combine(_directory, "never.png");

        var result = await CliProcess.RunAsync(["image", "--size", "100x100", "--out", file, "猫"], CliProcess.EnvironmentFor(emu));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("(field: size)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
        Assert.False(File.Exists(file));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
