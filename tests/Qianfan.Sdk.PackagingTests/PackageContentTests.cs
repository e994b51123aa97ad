using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Qianfan.Sdk.PackagingTests;

/// <summary>What every package carries: README, icon, licence, repository, release notes, tags; symbols with source links.</summary>
[Collection(PackedFeed.Name)]
public sealed partial class PackageContentTests(PackagesFixture packages)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>Every project under src/ is a package, and so is the CLI.</summary>
    private IEnumerable<string> ExpectedPackageIds =>
        Directory.GetFiles(Path.Combine(packages.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .Append("Qianfan.Sdk.Cli")
            .Order(StringComparer.Ordinal)!;

    [Fact]
    public void Pack_PrintsNoWarning()
    {
        var warnings = packages.Pack.Output.Split('\n').Where(line => WarningLine().IsMatch(line)).ToList();

        Assert.True(warnings.Count == 0, "dotnet pack warned:\n" + string.Join('\n', warnings));
    }

    [Fact]
    public void Feed_HoldsEveryPackageWithItsSymbols_AtTheRepositoryVersion()
    {
        var files = Directory.GetFiles(packages.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        var expected = ExpectedPackageIds
            .SelectMany(id => new[] { $"{id}.{packages.Version}.nupkg", $"{id}.{packages.Version}.snupkg" })
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
        Assert.Matches(@"^\d+\.\d+\.\d+-preview\.\d+$", packages.Version);
    }

    [Fact]
    public void EveryPackage_HasReadmeIconLicenceRepositoryAndReleaseNotes()
    {
        var changelog = File.ReadAllText(Path.Combine(packages.RepositoryRoot, "CHANGELOG.md")).ReplaceLineEndings("\n");
        Assert.Contains($"## [{packages.Version}]", changelog, StringComparison.Ordinal);

        foreach (var id in ExpectedPackageIds)
        {
            using var package = OpenPackage(id);
            var metadata = Metadata(package, id);
            string Field(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value.Trim() ?? "";

            Assert.Equal(packages.Version, Field("version"));
            Assert.Equal("README.md", Field("readme"));
            Assert.Equal("icon.png", Field("icon"));
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("https://github.com/qianfan-sdk/qianfan-dotnet", Field("projectUrl"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{id}: no description");
            Assert.Contains("qianfan", Field("tags"), StringComparison.Ordinal);

            var repository = metadata.Element(metadata.Name.Namespace + "repository");
            Assert.NotNull(repository);
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.Equal("https://github.com/qianfan-sdk/qianfan-dotnet", repository.Attribute("url")?.Value);
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

            // The release notes are the CHANGELOG's section of this version.
            var notes = Field("releaseNotes");
            Assert.False(string.IsNullOrWhiteSpace(notes), $"{id}: no release notes");
            Assert.Contains(notes.ReplaceLineEndings("\n"), changelog, StringComparison.Ordinal);

            var readme = ReadEntry(package, "README.md");
            Assert.StartsWith($"# {id}", readme, StringComparison.Ordinal);
            Assert.Contains("## Install", readme, StringComparison.Ordinal);
            Assert.Contains("https://github.com/qianfan-sdk/qianfan-dotnet", readme, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\]\((?!https?://|#)", readme);   // nuget.org resolves no relative link

            var icon = package.GetEntry("icon.png");
            Assert.NotNull(icon);
            using (var png = icon.Open())
            {
                var signature = new byte[8];
                png.ReadExactly(signature);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature);
            }

            Assert.Contains("MIT License", ReadEntry(package, "LICENSE"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Libraries_AreLibrariesAndPrograms_AreTools()
    {
        foreach (var id in ExpectedPackageIds)
        {
            using var package = OpenPackage(id);
            var toolSettings = package.Entries.SingleOrDefault(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            var command = id switch
            {
                "Qianfan.Sdk.Emulator" => "qianfan-emulator",
                "Qianfan.Sdk.Cli" => "qianfan",
                _ => null,
            };
            if (command is null)
            {
                Assert.Null(toolSettings);
                Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
                Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.xml"));
            }
            else
            {
                Assert.NotNull(toolSettings);
                using var reader = new StreamReader(toolSettings.Open());
                var settings = XDocument.Parse(reader.ReadToEnd());
                Assert.Equal(command, settings.Descendants("Command").Single().Attribute("Name")?.Value);
                Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Symbols_LinkEverySourceToTheRepositoryAtTheCommit()
    {
        foreach (var id in ExpectedPackageIds)
        {
            using var package = OpenPackage(id);
            var commit = Metadata(package, id).Element(Metadata(package, id).Name.Namespace + "repository")!.Attribute("commit")!.Value;
            using var symbols = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.snupkg"));
            var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(pdbs);
            Assert.Contains(pdbs, e => e.Name == (id == "Qianfan.Sdk.Cli" ? "qianfan-chat.pdb" : $"{id}.pdb"));

            foreach (var entry in pdbs)
            {
                using var stream = new MemoryStream();
                using (var pdb = entry.Open())
                {
                    pdb.CopyTo(stream);
                }

                stream.Position = 0;
                using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
                var reader = provider.GetMetadataReader();
                var sourceLink = reader.CustomDebugInformation
                    .Select(reader.GetCustomDebugInformation)
                    .Where(cdi => reader.GetGuid(cdi.Kind) == SourceLinkKind)
                    .Select(cdi => Encoding.UTF8.GetString(reader.GetBlobBytes(cdi.Value)))
                    .SingleOrDefault();
                Assert.True(sourceLink is not null, $"{id}: {entry.FullName} has no source link");
                Assert.Contains($"https://raw.githubusercontent.com/qianfan-sdk/qianfan-dotnet/{commit}/", sourceLink, StringComparison.Ordinal);

                var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
                Assert.NotEmpty(documents);
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    // ContinuousIntegrationBuild: paths mapped to /_/, so the build is reproducible wherever it ran.
                    Assert.All(documents, path => Assert.StartsWith("/_/", path, StringComparison.Ordinal));
                }
            }

            // EmbedUntrackedSources: generated sources (not in git) are embedded in the PDB of the package's assembly.
            var main = pdbs.Single(e => e.Name == (id == "Qianfan.Sdk.Cli" ? "qianfan-chat.pdb" : $"{id}.pdb"));
            using var mainStream = new MemoryStream();
            using (var pdb = main.Open())
            {
                pdb.CopyTo(mainStream);
            }

            mainStream.Position = 0;
            using var mainProvider = MetadataReaderProvider.FromPortablePdbStream(mainStream);
            var mainReader = mainProvider.GetMetadataReader();
            Assert.Contains(
                mainReader.CustomDebugInformation.Select(mainReader.GetCustomDebugInformation),
                cdi => mainReader.GetGuid(cdi.Kind) == EmbeddedSourceKind);
        }
    }

    [Fact]
    public void EmulatorPackage_DescriptionAndReadmeListEveryRoute()
    {
        using var package = OpenPackage("Qianfan.Sdk.Emulator");
        var metadata = Metadata(package, "Qianfan.Sdk.Emulator");
        var description = metadata.Element(metadata.Name.Namespace + "description")!.Value;
        var readme = ReadEntry(package, "README.md");

        var routes = Routes(packages.RepositoryRoot);
        Assert.True(routes.Count >= 4, "routes.txt lists fewer routes than the emulator serves");
        foreach (var (methods, path) in routes)
        {
            Assert.Contains(path, description, StringComparison.Ordinal);
            Assert.Contains($"`{methods} {path}`", readme, StringComparison.Ordinal);
        }
    }

    /// <summary>The routes of <c>src/Qianfan.Sdk.Emulator/routes.txt</c>: (methods, path).</summary>
    internal static List<(string Methods, string Path)> Routes(string repositoryRoot) =>
        File.ReadAllLines(Path.Combine(repositoryRoot, "src", "Qianfan.Sdk.Emulator", "routes.txt"))
            .Where(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (parts[0], parts[1]))
            .ToList();

    private ZipArchive OpenPackage(string id) => ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.nupkg"));

    private static XElement Metadata(ZipArchive package, string id)
    {
        var nuspec = XDocument.Parse(ReadEntry(package, $"{id}.nuspec"));
        return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string ReadEntry(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name);
        Assert.True(entry is not null, $"the package has no {name}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A warning line of MSBuild, NuGet or a compiler; not the "0 Warning(s)" of a summary.</summary>
    [GeneratedRegex(@"\bwarning\b(?!\(s\))", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
