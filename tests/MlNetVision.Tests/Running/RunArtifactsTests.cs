using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Artifacts;
using MlNetVision.Tests.TestSupport;
using SkiaSharp;

namespace MlNetVision.Tests.Running;

[Trait("Category", "Slow")]
public class RunArtifactsTests(AugmentedRunFixture run) : IClassFixture<AugmentedRunFixture>
{
    private RunReport Report => ReportJson.Read(run.Combine(RunFolder.ReportFile));

    [Fact]
    public void Run_WritesTheThreeFiles_AndListsThemInTheReport()
    {
        var artifacts = Report.Artifacts;

        Assert.Equal(PredictionsFile.FileName, artifacts.Predictions);
        Assert.Equal(GalleryFile.FileName, artifacts.Gallery);
        Assert.Equal(AugmentationFile.FileName, artifacts.Augmentation);
        foreach (var file in new[] { artifacts.Predictions, artifacts.Gallery, artifacts.Augmentation })
            Assert.True(File.Exists(run.Combine(file!)), file);
        Assert.DoesNotContain(Report.Notes, n => n.Contains("was not written"));
    }

    [Fact]
    public void Predictions_OneItemPerTestImage_Top1AccuracyEqualsTheReports()
    {
        var report = Report;
        var predictions = ArtifactJson.Read<PredictionsFile>(run.Combine(PredictionsFile.FileName));

        Assert.Equal(PredictionsFile.CurrentSchemaVersion, predictions.SchemaVersion);
        Assert.Equal(report.Metrics.Classes, predictions.Classes);
        Assert.Equal(report.Dataset.TestCount, predictions.Items.Count);
        Assert.Equal(Enumerable.Range(0, 20), predictions.Items.Select(p => p.I));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"test_batch.bin#{i}"), predictions.Items.Select(p => p.Source));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (int)TinyCifar.Label(1000 + i)), predictions.Items.Select(p => p.Label));
        Assert.All(predictions.Items, p =>
        {
            Assert.Equal(3, p.Top.Count);
            Assert.All(p.Top, t => Assert.Equal(2, t.Length));
            Assert.True(p.Top[0][1] >= p.Top[1][1] && p.Top[1][1] >= p.Top[2][1], "top classes not in descending order");
            Assert.Equal(3, p.Top.Select(t => t[0]).Distinct().Count());
            Assert.All(p.Top, t => Assert.Equal(Math.Round(t[1], 4), t[1]));
        });
        double accuracy = predictions.Items.Count(p => p.Correct) / (double)predictions.Items.Count;
        Assert.Equal(report.Metrics.Accuracy, accuracy, 9);
        var confusion = report.Metrics.ConfusionMatrix;
        Assert.All(predictions.Items.GroupBy(p => (p.Label, p.Predicted)), g => Assert.Equal(g.Count(), confusion[g.Key.Label][g.Key.Predicted]));
    }

    [Fact]
    public void Gallery_MistakesByConfidenceDescendingAndWrong_ThenTheMostConfidentCorrectPerClass()
    {
        var predictions = ArtifactJson.Read<PredictionsFile>(run.Combine(PredictionsFile.FileName)).Items;
        var gallery = ArtifactJson.Read<GalleryFile>(run.Combine(GalleryFile.FileName));
        var wrong = predictions.Where(p => !p.Correct).ToList();
        var right = predictions.Where(p => p.Correct).ToList();

        int mistakes = Math.Min(GallerySelection.MistakeCount, wrong.Count);
        var shownMistakes = gallery.Images.Take(mistakes).Select(g => predictions[g.I]).ToList();
        var shownCorrect = gallery.Images.Skip(mistakes).Select(g => predictions[g.I]).ToList();
        Assert.All(shownMistakes, p => Assert.False(p.Correct));
        Assert.Equal(shownMistakes.Select(p => p.Confidence).OrderByDescending(c => c), shownMistakes.Select(p => p.Confidence));
        if (mistakes > 0) Assert.True(wrong.Except(shownMistakes).All(p => p.Confidence <= shownMistakes[^1].Confidence));
        Assert.All(shownCorrect, p => Assert.True(p.Correct));
        foreach (var cls in right.GroupBy(p => p.Label))
        {
            var shown = shownCorrect.Where(p => p.Label == cls.Key).ToList();
            Assert.Equal(Math.Min(GallerySelection.CorrectPerClass, cls.Count()), shown.Count);
            Assert.True(cls.Except(shown).All(p => p.Confidence <= shown.Min(s => s.Confidence)));
        }
        Assert.Equal(mistakes + shownCorrect.Count, gallery.Images.Count);
        Assert.All(gallery.Images, g => AssertPng(g.Png, gallery.Size));
    }

    [Fact]
    public void Augmentation_SixImagesWithFiveViewsEach_ViewsDifferFromTheOriginal()
    {
        var file = ArtifactJson.Read<AugmentationFile>(run.Combine(AugmentationFile.FileName));

        Assert.Equal(Thumbnails.DefaultSize, file.Size);
        Assert.Equal("flip:p=0.5,crop:pad=4:mode=reflect,jitter:brightness=0.2:contrast=0.2:saturation=0.2", file.Augmentation);
        Assert.Equal(AugmentationPreview.ImageCount, file.Rows.Count);
        Assert.All(file.Rows, row =>
        {
            Assert.Equal(AugmentationPreview.ViewCount, row.Views.Count);
            AssertPng(row.Original, file.Size);
            Assert.All(row.Views, v => AssertPng(v, file.Size));
            Assert.All(row.Views, v => Assert.NotEqual(row.Original, v));
            Assert.Equal(row.Views.Count, row.Views.Distinct().Count());
        });
    }

    private static void AssertPng(string base64, int size)
    {
        var bytes = Convert.FromBase64String(base64);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(size, bitmap.Width);
        Assert.Equal(size, bitmap.Height);
    }
}
