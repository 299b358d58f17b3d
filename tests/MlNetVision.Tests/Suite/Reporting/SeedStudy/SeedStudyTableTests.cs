using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Html;
using MlNetVision.Suite.Reporting.SeedStudy;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting.SeedStudy;

public class SeedStudyTableTests
{
    private static readonly string[] Cifar = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private static readonly IReadOnlyList<SeedStudyRow> Rows =
    [
        new("SimpleCNN, 32 px", 0.7145, null, "simple-cnn", new ReferenceRecipe(10, 32, Cifar), "fast-cnn-94"),
        new("DeiT-tiny fine-tune, 224 px", 0.9223, 0.9218, "deit-tiny-finetune", new ReferenceRecipe(3, 224, Cifar), null, "needs a checkpoint",
            "run deit-tiny-finetune --data D --pretrained deit.pth"),
    ];

    private static RunReport Run(string experiment, double accuracy, int seed = 0, int epochs = 10, int? limitTrain = null, double trainSeconds = 600)
    {
        var r = HandMadeReports.Create(experiment, accuracy, trainSeconds: trainSeconds);
        return r with
        {
            Config = r.Config with { Trainer = r.Config.Trainer with { Epochs = epochs, Seed = seed }, LimitTrain = limitTrain },
            Dataset = r.Dataset with { TrainCount = limitTrain ?? 50_000 },
            Metrics = r.Metrics with { Classes = Cifar },
        };
    }

    [Fact]
    public void Build_SeedSettings_CountsOnlyRunsOfTheFullRecipeAndAveragesTheirSeeds()
    {
        RunReport[] runs = [Run("simple-cnn", 0.7, seed: 0), Run("simple-cnn", 0.8, seed: 1), Run("simple-cnn", 0.9, seed: 2, epochs: 1, limitTrain: 3000)];

        var line = SeedStudyTable.Build(Rows, runs)[0];

        Assert.Equal(2, line.SeedSettings!.Runs.Count);
        Assert.Equal(1, line.SeedSettings.Other);
        Assert.Equal(0.75, line.SeedSettings.Accuracy!.Mean, 9);
        Assert.Equal("simple-cnn (2 seeds; 1 other run at other settings)", SeedStudyTable.Cells(line)[3]);
    }

    [Fact]
    public void Build_BestCpu_LeavesOutRunsOnPartOfTheData()
    {
        RunReport[] runs = [Run("fast-cnn-94", 0.9, limitTrain: 5000), Run("fast-cnn-94", 0.8, trainSeconds: 1200)];

        var cells = SeedStudyTable.Cells(SeedStudyTable.Build(Rows, runs)[0]);

        Assert.Equal(["fast-cnn-94 (1 run; 1 other run at other settings)", "0.8000"], cells.Skip(7).Take(2));
        Assert.Equal("20.0 min", cells[10]);
        Assert.Equal(["–", "–", "–"], cells.Skip(4).Take(3));   // no simple-cnn run at all
    }

    [Fact]
    public void Render_ShowsEverySeedRowWithItsFiguresAndTheCommandsOfEveryRow()
    {
        var table = SeedStudyTable.Render(Rows, [Run("simple-cnn", 0.7)]);

        Assert.Contains("| SimpleCNN, 32 px | 0.7145 | – | simple-cnn (1 run) | 0.7000 |", table);
        Assert.Contains("| DeiT-tiny fine-tune, 224 px | 0.9223 | 0.9218 | deit-tiny-finetune (not run) | – |", table);
        Assert.Contains("- SimpleCNN, 32 px: seed's settings `run simple-cnn --data D`; best CPU recipe `run fast-cnn-94 --data D` (not yet run)", table);
        Assert.Contains("- DeiT-tiny fine-tune, 224 px: seed's settings `run deit-tiny-finetune --data D --pretrained deit.pth` (not yet run)\n", table.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ComparisonTable_WithoutAnyOfTheTablesExperiments_LeavesTheSeedTableOut()
    {
        Assert.DoesNotContain("seed study's table", ComparisonTable.Render([("mine", Run("my-photos", 0.8))], Rows));
        Assert.Contains("## The seed study's table", ComparisonTable.Render([("cnn", Run("simple-cnn", 0.8))], Rows));
    }

    [Fact]
    public void ComparisonPage_WithATableExperiment_HasTheSeedStudySection()
    {
        var html = ComparisonPage.Render([new ComparedRun("cnn", Run("simple-cnn", 0.8), null)], Path.GetTempPath(), Rows);

        Assert.Contains("id=\"seed-study-table\"", html);
        Assert.Contains("seed&#39;s settings <code>run deit-tiny-finetune --data D --pretrained deit.pth</code> (not yet run)", html.Replace("\n", ""));
        Assert.Contains("seed&#39;s settings <code>run simple-cnn --data D</code>; best CPU recipe <code>run fast-cnn-94 --data D</code> (not yet run)", html.Replace("\n", ""));
    }
}
