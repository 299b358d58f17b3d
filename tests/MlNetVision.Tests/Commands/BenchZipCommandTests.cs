using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Tests.Serving;

namespace MlNetVision.Tests.Commands;

[Trait("Category", "Slow")]
public class BenchZipCommandTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Zip_GeneratedImages_PrintsOneJsonLineOfTheFastestThreading_AndCleansUp()
    {
        var before = TempOnnxCopies();

        var (code, output, error) = Run("bench", "--zip", fixture.Zip, "--rows", "12");

        Assert.True(code == 0, $"exit {code}: {output}\n{error}");
        using var json = JsonDocument.Parse(output.Trim());
        var root = json.RootElement;
        Assert.Equal("simple_cnn", root.GetProperty("model").GetString());
        Assert.Equal(16, root.GetProperty("input_size").GetInt32());
        Assert.Equal(4, root.GetProperty("images").GetInt32());
        Assert.Equal(12, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("images_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("cursors").GetInt32() >= 1 && root.GetProperty("intra_op_threads").GetInt32() >= 1);
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "mlnetvision-serve-bench-*").Except(before.Folders));
        Assert.Equal(before.Files, TempOnnxCopies().Files);
    }

    [Fact]
    public void Zip_GivenImages_ScoresThem()
    {
        var (code, output, error) = Run(["bench", "--zip", fixture.Zip, "--rows", "4", "--images", .. fixture.TestImages.Take(3)]);

        Assert.True(code == 0, $"exit {code}: {output}\n{error}");
        using var json = JsonDocument.Parse(output.Trim());
        Assert.Equal(3, json.RootElement.GetProperty("images").GetInt32());
    }

    [Theory]
    [InlineData("--model", "simple_cnn")]
    [InlineData("--peer")]
    public void Zip_WithCaseOptions_IsAUserError(params string[] extra)
    {
        var (code, output, error) = Run(["bench", "--zip", fixture.Zip, .. extra]);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Empty(output);
        Assert.Contains("--zip", error);
    }

    [Fact]
    public void Images_WithoutZip_IsAUserError()
    {
        var (code, _, error) = Run("bench", "--images", fixture.TestImages[0]);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("--images needs --zip", error);
    }

    [Fact]
    public void MissingZip_IsAUserErrorNamingIt()
    {
        var (code, _, error) = Run("bench", "--zip", "/nonexistent/model.zip");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("/nonexistent/model.zip", error);
    }

    private static (string[] Folders, string[] Files) TempOnnxCopies() =>
        (Directory.GetDirectories(Path.GetTempPath(), "mlnetvision-serve-bench-*"),
         Directory.GetFiles(Path.GetTempPath(), "*.*").Where(f => new FileInfo(f).Length > 10_000 && Path.GetFileName(f).Length == 12).Order().ToArray());
}
