using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> of the core library (about 25 s here: a Release build in its own artifacts folder, so the
/// repository's bin/ and obj/ are untouched) gives a package with the assembly, its XML docs, the README and the
/// library's dependencies, and none of the suite's.
/// </summary>
public class PackageTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Pack_GivesTheLibraryWithDocsReadmeAndItsDependencies()
    {
        using var temp = new TempFolder();
        var project = Path.Combine(RepositoryRoot(), "src", "MlNetVision", "MlNetVision.csproj");
        var (exitCode, output) = Dotnet("pack", project, "-c", "Release", "--nologo",
            "-o", temp.Combine("feed"), "--artifacts-path", temp.Combine("artifacts"));
        Assert.True(exitCode == 0, $"dotnet pack failed ({exitCode}):\n{output}");

        var package = Assert.Single(Directory.GetFiles(temp.Combine("feed"), "*.nupkg"));
        Assert.Equal("MlNetVision.0.1.0.nupkg", Path.GetFileName(package));
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/MlNetVision.dll", entries);
        Assert.Contains("lib/net10.0/MlNetVision.xml", entries);
        Assert.Contains("README.md", entries);
        // The featurizer's ONNX files come with its own package, not inside this one.
        Assert.DoesNotContain(entries, e => e.StartsWith("content", StringComparison.Ordinal));
        Assert.True(new FileInfo(package).Length < 5_000_000, $"{package} is {new FileInfo(package).Length} bytes");

        XDocument nuspec;
        using (var stream = zip.GetEntry("MlNetVision.nuspec")!.Open()) nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("MlNetVision", Value(metadata, "id"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        Assert.Equal("6.0.0", dependencies["Microsoft.ML"]);
        Assert.Equal("0.107.0", dependencies["TorchSharp-cpu"]);
        Assert.Contains("Microsoft.ML.OnnxTransformer", dependencies.Keys);
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("OxyPlot", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("HarfBuzzSharp", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("System.CommandLine", StringComparison.OrdinalIgnoreCase));
    }

    private static string Value(XElement metadata, string name) =>
        metadata.Elements().Single(e => e.Name.LocalName == name).Value;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MlNetVision.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No MlNetVision.sln above {AppContext.BaseDirectory}.");
    }

    private static (int ExitCode, string Output) Dotnet(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // A test host started by dotnet test may inherit MSBuild's own variables; the child build resolves its own.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in 5 minutes.\n{output}");
        }
        return (process.ExitCode, output + error.Result);
    }
}
