using Microsoft.ML;
using MlNetVision.Infrastructure;
using MlNetVision.Onnx;
using MlNetVision.Persistence;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Persistence;

[Trait("Category", "Slow")]
public class ImagePredictorTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>
{
    /// <summary>A PNG signature and the start of a header, then nothing: passes the header check, fails to decode.</summary>
    private static readonly byte[] CorruptPng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];

    [Fact]
    public void Predict_TextFileNamedPng_ThrowsNamingTheFile()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 8, 8, 10, 20, 30);
        File.WriteAllText(temp.Combine("notes.png"), "not an image");

        var error = Assert.Throws<MlNetVisionException>(() => Predict(1, temp.Combine("a.png"), temp.Combine("notes.png")));

        Assert.Contains($"{temp.Combine("notes.png")} cannot be decoded as an image", error.Message);
        Assert.Contains("not a PNG, JPEG or BMP", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Predict_ValidHeaderButCorrupt_ThrowsNamingTheFileWithTheDecoderReason(int cursors)
    {
        using var temp = new TempFolder();
        var paths = Images(temp, 6);
        var bad = temp.Combine("bad.png");
        File.WriteAllBytes(bad, CorruptPng);

        var error = Assert.Throws<MlNetVisionException>(() => Predict(cursors, [.. paths[..3], bad, .. paths[3..]]));

        Assert.StartsWith($"{bad} cannot be decoded as an image (", error.Message);
        Assert.Contains("Invalid input stream contents", error.Message);
    }

    [Fact]
    public void Predict_HugeImage_RefusedBeforeDecodingNamingIt()
    {
        using var temp = new TempFolder();
        var huge = temp.Combine("huge.png");
        RawPng.WriteHeaderOnly(huge, 20_000, 20_000);

        var error = Assert.Throws<MlNetVisionException>(() => Predict(1, huge));

        Assert.StartsWith($"{huge} cannot be decoded as an image (it is 20000x20000 pixels, more than the 40 megapixels", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Predict_SkipBadImages_SkipsThemAndScoresTheRestAsWithoutThem(int cursors)
    {
        using var temp = new TempFolder();
        var paths = Images(temp, 8);
        var corrupt = temp.Combine("corrupt.png");
        File.WriteAllBytes(corrupt, CorruptPng);
        var text = temp.Combine("notes.txt");
        File.WriteAllText(text, "hello");
        var huge = temp.Combine("huge.png");
        RawPng.WriteHeaderOnly(huge, 20_000, 20_000);
        var ml = new MLContext();
        OnnxRuntimeThreads.Bound(ml, 1);
        var (model, _) = ModelZip.Load(ml, run.ModelPath);
        using var lifetime = (IDisposable)model;
        var clean = new ImagePredictor(ml, model).Predict(paths);

        var batch = new ImagePredictor(ml, model, cursors).Predict([text, .. paths[..2], corrupt, .. paths[2..5], huge, .. paths[5..]], skipBadImages: true);

        Assert.Equal(paths, batch.Predictions.Select(p => p.ImagePath));
        Assert.Equal(clean.Select(p => p.Label), batch.Predictions.Select(p => p.Label));
        Assert.Equal(clean.Select(p => p.Scores), batch.Predictions.Select(p => p.Scores));
        Assert.Equal([text, corrupt, huge], batch.Skipped.Select(s => s.ImagePath));
        Assert.Contains("not a PNG, JPEG or BMP", batch.Skipped[0].Reason);
        Assert.Contains("Invalid input stream contents", batch.Skipped[1].Reason);
        Assert.Contains("20000x20000 pixels", batch.Skipped[2].Reason);
    }

    [Fact]
    public void Predict_SkipBadImagesAllBad_NoPredictions()
    {
        using var temp = new TempFolder();
        var empty = temp.Combine("empty.png");
        File.WriteAllBytes(empty, []);
        var ml = new MLContext();
        var (model, _) = ModelZip.Load(ml, run.ModelPath);
        using var lifetime = (IDisposable)model;

        var batch = new ImagePredictor(ml, model).Predict([empty], skipBadImages: true);

        Assert.Empty(batch.Predictions);
        Assert.Equal(empty, Assert.Single(batch.Skipped).ImagePath);
        Assert.Contains("empty", batch.Skipped[0].Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Predict_SkipBadImagesAmongHundreds_TheCursorsGoOnWithTheSameScores(int cursors)
    {
        using var temp = new TempFolder();
        var paths = Images(temp, 300);
        var ml = new MLContext();
        OnnxRuntimeThreads.Bound(ml, 1);
        var (model, _) = ModelZip.Load(ml, run.ModelPath);
        using var lifetime = (IDisposable)model;
        var clean = new ImagePredictor(ml, model).Predict(paths);
        var withBad = paths.ToList();
        foreach (var at in new[] { 290, 150, 5 })
        {
            var bad = temp.Combine($"bad{at}.png");
            File.WriteAllBytes(bad, CorruptPng);
            withBad.Insert(at, bad);
        }

        var batch = new ImagePredictor(ml, model, cursors).Predict(withBad, skipBadImages: true);

        Assert.Equal(["bad5.png", "bad150.png", "bad290.png"], batch.Skipped.Select(s => Path.GetFileName(s.ImagePath)));
        Assert.Equal(paths, batch.Predictions.Select(p => p.ImagePath));
        Assert.Equal(clean.Select(p => p.Scores), batch.Predictions.Select(p => p.Scores));
    }

    private static List<string> Images(TempFolder temp, int count) => Enumerable.Range(0, count).Select(i =>
    {
        var path = temp.Combine($"{i:000}.png");
        TinyPng.Write(path, 8 + i % 9, 8, (byte)(i * 40 % 256), (byte)(200 - i * 20 % 200), 60);
        return path;
    }).ToList();

    private IReadOnlyList<ImagePrediction> Predict(int cursors, params string[] paths)
    {
        var ml = new MLContext();
        OnnxRuntimeThreads.Bound(ml, 1);
        var (model, _) = ModelZip.Load(ml, run.ModelPath);
        using var lifetime = (IDisposable)model;
        return new ImagePredictor(ml, model, cursors).Predict(paths);
    }
}
