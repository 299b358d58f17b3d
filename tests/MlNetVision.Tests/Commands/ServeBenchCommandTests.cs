using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Tests.Serving;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

[Trait("Category", "Slow")]
public class ServeBenchCommandTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    [LinuxFact]
    public void TwoClientsTwoSeconds_StartsTheApp_GeneratesImages_PrintsTheTableAndOneJsonLine()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var before = GeneratedFolders();

        int code = CommandLine.Run(["serve-bench", "--model", fixture.Zip, "--clients", "2", "--seconds", "2", "--warmup", "1"], output, error);

        Assert.True(code == 0, $"serve-bench exited with {code}:\n{output}\n{error}");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("| requests/s", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(lines.Single(l => l.StartsWith('{')));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("clients").GetInt32());
        Assert.True(root.GetProperty("requests").GetInt64() > 0);
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        double p50 = root.GetProperty("p50Ms").GetDouble(), p95 = root.GetProperty("p95Ms").GetDouble(), p99 = root.GetProperty("p99Ms").GetDouble();
        Assert.True(p50 <= p95 && p95 <= p99 && p99 <= root.GetProperty("maxMs").GetDouble(), $"{p50} {p95} {p99}");
        Assert.True(root.GetProperty("rssPeakMb").GetDouble() > 0);
        Assert.True(root.GetProperty("rssWarmupMb").GetDouble() > 0);
        Assert.Equal(root.GetProperty("requestsPerSecond").GetDouble(), root.GetProperty("imagesPerSecond").GetDouble());
        Assert.Equal(before, GeneratedFolders());
    }

    [LinuxFact]
    public void Malformed20_EveryOneGetsItsStatus_GoodOnesAnswered_TheAppStaysUp()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = CommandLine.Run(["serve-bench", "--model", fixture.Zip, "--clients", "2", "--seconds", "1", "--warmup", "0", "--malformed", "20"], output, error);

        Assert.True(code == 0, $"serve-bench exited with {code}:\n{output}\n{error}");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var json = JsonDocument.Parse(lines.Single(l => l.StartsWith('{')));
        var root = json.RootElement;
        Assert.Equal(20, root.GetProperty("malformed").GetInt64());
        Assert.Equal(20, root.GetProperty("malformedAsExpected").GetInt64());
        Assert.Equal(0, root.GetProperty("malformedMismatches").GetInt64());
        Assert.True(root.GetProperty("requests").GetInt64() > 0);
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.False(root.GetProperty("appRestarted").GetBoolean());
        Assert.True(root.GetProperty("appHealthy").GetBoolean());
        var byKind = lines.Single(l => l.StartsWith("| malformed by kind", StringComparison.Ordinal));
        foreach (var kind in new[] { "wrong-content-type", "oversize", "oversize-expect-continue", "empty-request", "no-file", "empty-file", "not-an-image", "too-many-pixels", "undecodable", "bad-top", "json-not-base64" })
            Assert.Contains($"{kind}: ", byKind);
        Assert.Contains("20 malformed requests of 11 kinds", error.ToString());
    }

    [Fact]
    public void NegativeMalformed_IsAnError()
    {
        var error = new StringWriter();

        int code = CommandLine.Run(["serve-bench", "--model", fixture.Zip, "--malformed", "-1"], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("--malformed", error.ToString());
    }

    [Fact]
    public void GivenImages_ArePosted()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = CommandLine.Run(["serve-bench", "--model", fixture.Zip, "--clients", "1", "--seconds", "1", "--warmup", "0", "--images", .. fixture.TestImages.Take(2)], output, error);

        Assert.True(code == 0, $"serve-bench exited with {code}:\n{output}\n{error}");
        Assert.Contains("2 images", error.ToString());
    }

    [Fact]
    public void MissingApp_IsAnErrorNamingTheOption()
    {
        var error = new StringWriter();

        int code = CommandLine.Run(["serve-bench", "--model", fixture.Zip, "--app", "/nonexistent/MlNetVision.Serving.dll"], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("--app", error.ToString());
    }

    private static string[] GeneratedFolders() =>
        Directory.GetDirectories(Path.GetTempPath(), "mlnetvision-serve-bench-*").Order(StringComparer.Ordinal).ToArray();
}
