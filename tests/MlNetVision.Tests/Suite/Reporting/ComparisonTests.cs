using MlNetVision.Training;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting;

public class ComparisonTests
{
    private static readonly IReadOnlyList<(string, RunReport)> Runs =
    [
        ("plain", HandMadeReports.Create("plain", 0.7, seedAccuracy: 0.7145)),
        ("augmented", HandMadeReports.Create("augmented", 0.8, augmentation: "flip", trainSeconds: 300)),
    ];

    [Fact]
    public void Render_TwoReports_HasOneRowEachWithTheirNumbers()
    {
        var table = ComparisonTable.Render(Runs);

        var rows = table.Split('\n').Where(l => l.StartsWith("| plain") || l.StartsWith("| augmented")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("| plain | simple_cnn | none | 0.7000 | 0.7000 | 0.7000 | 0.7145 | – | 2.0 min | 2.0 min | 2 | 545,098 |", rows[0]);
        Assert.Contains("| augmented | simple_cnn | flip | 0.8000 | 0.8000 | 0.8000 | – | – | 5.0 min | 5.0 min |", rows[1]);
    }

    [Fact]
    public void Render_OneExperimentThreeSeeds_HasOneRowWithMeanAndStd()
    {
        var runs = new[] { 0.6, 0.7, 0.8 }.Select((accuracy, seed) =>
        {
            var report = HandMadeReports.Create("simple-cnn", accuracy);
            var trainer = report.Config.Trainer with { Seed = seed };
            var runtime = new TrainingRuntime { CheckpointDirectory = $"/runs/seed-{seed}" };
            return ($"simple-cnn (seed-{seed})", report with { Config = report.Config with { Trainer = trainer, Runtime = runtime } });
        }).ToList();

        var table = ComparisonTable.Render(runs);

        Assert.Contains("| simple-cnn (3 seeds) | simple_cnn | none | 0.7000 ± 0.1000 |", table);
        Assert.DoesNotContain("seed-1", table);
    }

    [Fact]
    public void Render_BaseAndNoVariants_HasAblationRowsWithDifferences()
    {
        var runs = new List<(string, MlNetVision.Suite.Reporting.RunReport)>
        {
            ("fast", HandMadeReports.Create("fast", 0.9, trainSeconds: 100)),
            ("fast-no-lookahead", HandMadeReports.Create("fast-no-lookahead", 0.8, trainSeconds: 90)),
            ("other", HandMadeReports.Create("other", 0.5)),
        };

        var table = ComparisonTable.Render(runs);

        Assert.Contains("## Ablation of fast", table);
        Assert.Contains("| fast (everything) | 1 | 0.9000 | – | – | – | 100 s | 102 s |", table);
        Assert.Contains("| no-lookahead | 1 | 0.8000 | -0.1000 | – | – | 90 s | 92 s |", table);
        Assert.DoesNotContain("Ablation of other", table);
    }

    [Fact]
    public void Render_AblationWithSingleViewMetrics_ShowsOneViewAccuracyAndItsDifference()
    {
        static RunReport WithSingleView(RunReport report, double accuracy) =>
            report with { MetricsWithoutTestTimeAugmentation = report.Metrics with { Accuracy = accuracy } };
        var runs = new List<(string, RunReport)>
        {
            ("fast", WithSingleView(HandMadeReports.Create("fast", 0.9, trainSeconds: 100), 0.85)),
            ("fast-no-flip", WithSingleView(HandMadeReports.Create("fast-no-flip", 0.8, trainSeconds: 100), 0.6)),
        };

        var table = ComparisonTable.Render(runs);

        Assert.Contains("| fast (everything) | 1 | 0.9000 | – | 0.8500 | – | 100 s | 102 s |", table);
        Assert.Contains("| no test-time augmentation (same runs, one view) | 1 | 0.8500 | -0.0500 | – | – | 100 s | – |", table);
        Assert.Contains("| no-flip | 1 | 0.8000 | -0.1000 | 0.6000 | -0.2500 | 100 s | 102 s |", table);
    }

    [Fact]
    public void Render_SameModelWithAndWithoutAugmentation_HasBeforeAfterRow()
    {
        var table = ComparisonTable.Render(Runs);

        Assert.Contains("## Before and after augmentation", table);
        Assert.Contains("| simple_cnn (32 px, 2 epochs) | 0.7000 | 0.8000 | 0.7000 | 0.8000 | 0.7000 | 0.8000 |", table);
    }

    [Fact]
    public void Write_TwoReports_WritesValidPngsOfTheExpectedSize()
    {
        using var temp = new TempFolder();

        var files = Comparison.Write(Runs, temp.Path);

        var pngs = files.Where(f => f.EndsWith(".png")).ToList();
        Assert.Equal(4 + 2, pngs.Count);
        foreach (var png in pngs)
        {
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.Equal((1000, 640), (width, height));
            Assert.True(bytes.Length > 10_000, $"{png} looks empty ({bytes.Length} bytes)");
        }
    }

    [Fact]
    public void Load_FolderOfReports_FindsThemRecursively()
    {
        using var temp = new TempFolder();
        ReportJson.Write(Runs[0].Item2, temp.Combine("a", "report.json"));
        ReportJson.Write(Runs[1].Item2, temp.Combine("b", "c", "report.json"));

        var loaded = Comparison.Load([temp.Path]);

        Assert.Equal(["plain", "augmented"], loaded.Select(r => r.Label));
        Assert.Equal(0.7, loaded[0].Report.Metrics.Accuracy, 12);
    }
}
