using System.IO.Compression;
using Microsoft.ML;
using MlNetVision.Experiments.Commands;
using MlNetVision.Infrastructure;
using MlNetVision.Onnx;
using MlNetVision.Persistence;
using MlNetVision.Tests.TestSupport;

using MlNetVision.Experiments.Running;

namespace MlNetVision.Tests.Persistence;

[Trait("Category", "Slow")]
public class ModelZipTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>
{
    [Fact]
    public void Load_SavedRun_HasMetadataAndPredicts()
    {
        var ml = new MLContext();

        var (model, metadata) = ModelZip.Load(ml, run.ModelPath);
        using var lifetime = (IDisposable)model;

        Assert.NotNull(metadata);
        Assert.Equal(ModelZipMetadata.CurrentSchemaVersion, metadata.SchemaVersion);
        Assert.Equal("simple-cnn", metadata.Experiment);
        Assert.Equal(10, metadata.Classes.Count);
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 50, 40, 200, 30, 30);
        TinyPng.Write(temp.Combine("b.png"), 8, 8, 30, 30, 200);
        var predictions = new ImagePredictor(ml, model).Predict([temp.Combine("a.png"), temp.Combine("b.png")]);
        Assert.Equal(2, predictions.Count);
        Assert.All(predictions, p => Assert.Contains(p.Label, metadata.Classes));
        Assert.All(predictions, p => Assert.Equal(1f, p.Scores.Sum(), 4));
    }

    [Fact]
    public void Load_Version1Zip_OneElementLabelVector_StillPredicts()
    {
        // Contract 1 (earlier builds): ApplyOnnxModel's own Score and PredictedLabel, the label a one-element string vector.
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 0);
        var onnx = temp.Combine("v1.onnx");
        File.WriteAllBytes(onnx, ClassifierOnnxExporter.ShapeProxy(3 * 8 * 8, ["alpha", "beta"]));
        var input = ml.Data.LoadFromEnumerable(new[] { new PathRow { ImagePath = "" } });
        var chain = new MlNetVision.Data.ImagePreprocessing(8, 1f / 255).FromImagePath(ml)
            .Append(ml.Transforms.ApplyOnnxModel([ClassifierOnnxExporter.ScoreName, ClassifierOnnxExporter.PredictedLabelName], [ClassifierOnnxExporter.FeaturesName], onnx))
            .Fit(input);
        var path = temp.Combine("model.zip");
        ModelZip.Save(ml, chain, input.Schema, new ModelZipMetadata(1, "old", "proxy", ["alpha", "beta"], 8, DateTimeOffset.UtcNow), path);
        chain.Dispose();
        TinyPng.Write(temp.Combine("a.png"), 12, 9, 200, 30, 30);

        var (model, metadata) = ModelZip.Load(ml, path);
        using var lifetime = (IDisposable)model;
        var prediction = new ImagePredictor(ml, model).Predict([temp.Combine("a.png")]).Single();

        Assert.Equal(1, metadata!.SchemaVersion);
        Assert.Equal("alpha", prediction.Label);             // all-zero logits: the first class
        Assert.Equal([0.5f, 0.5f], prediction.Scores);
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    [Fact]
    public void Load_NewerSchema_ThrowsAskingToUpdate()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("model.zip");
        File.Copy(run.ModelPath, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelZip.MetadataEntry)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(ModelZip.MetadataEntry).Open());
            writer.Write("""{ "schemaVersion": 7, "experiment": "x", "model": "y", "classes": [], "pipelineImageSize": 32, "createdAt": "2030-01-01T00:00:00Z" }""");
        }

        var error = Assert.Throws<MlNetVisionException>(() => ModelZip.Load(new MLContext(), path));

        Assert.Contains("newer MlNetVision (model schema 7)", error.Message);
    }

    [Fact]
    public void Load_TempFolderUnwritable_SaysSoInsteadOfCallingTheZipCorrupt()
    {
        // The predict flake (exit 2 once in CI, 2026-12-01) happened while leaked ML.NET model copies were filling /tmp;
        // a full temp folder then made Load call a good zip corrupt. A temp "folder" that is a file fails the same write.
        using var temp = new TempFolder();
        var notAFolder = temp.Combine("not-a-folder");
        File.WriteAllText(notAFolder, "");

        var error = Assert.Throws<MlNetVisionException>(() => ModelZip.Load(new MLContext { TempFilePath = notAFolder }, run.ModelPath));

        Assert.Contains("temporary copy of the model", error.Message);
        Assert.Contains(notAFolder, error.Message);
        Assert.DoesNotContain("corrupt", error.Message);
    }

    [Fact]
    public void Load_Truncated_ThrowsClearError()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("model.zip");
        var bytes = File.ReadAllBytes(run.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<MlNetVisionException>(() => ModelZip.Load(new MLContext(), path));

        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void Load_RandomBytesAndRandomCorruptions_OnlyClearErrors()
    {
        using var temp = new TempFolder();
        var random = new Random(12);
        var valid = File.ReadAllBytes(run.ModelPath);
        using var mlnetTemp = new TempFolder();
        for (int i = 0; i < 40; i++)
        {
            var path = temp.Combine($"fuzz{i}.zip");
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 4096)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])valid.Clone();
                for (int k = 0; k < 16; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            File.WriteAllBytes(path, bytes);
            int copies = Directory.GetFiles(mlnetTemp.Path).Length;
            try
            {
                ((IDisposable)ModelZip.Load(new MLContext { TempFilePath = mlnetTemp.Path }, path).Model).Dispose();
                Assert.Equal(copies, Directory.GetFiles(mlnetTemp.Path).Length);   // a zip that loads leaves no copy of its model once disposed
            }
            catch (MlNetVisionException)
            {
                // the one acceptable failure (ML.NET keeps the copy it wrote of ONNX bytes that fail to parse: the folder is ours)
            }
        }
    }

    [Fact]
    public void PredictCommand_Images_PrintsOneLineEach()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 32, 32, 10, 200, 10);
        var output = new StringWriter();

        int code = CommandLine.Run(["predict", run.ModelPath, temp.Combine("a.png")], output, output);

        Assert.True(code == 0, $"predict exited with {code}:\n{output}");
        Assert.Matches(@"a\.png\t\w+\t\d\.\d{4}", output.ToString());
    }

    [Fact]
    public void Predict_ManyImagesOnTwoCursors_SamePredictionsInTheOrderOfThePaths()
    {
        using var temp = new TempFolder();
        var paths = Enumerable.Range(0, 300).Select(i =>
        {
            var path = temp.Combine($"{i:000}.png");
            TinyPng.Write(path, 8 + i % 5, 8, (byte)(i * 37 % 256), (byte)(i * 11 % 256), (byte)(255 - i % 256));
            return path;
        }).ToList();
        var ml = new MLContext();
        OnnxRuntimeThreads.Bound(ml, 1);
        var (model, _) = ModelZip.Load(ml, run.ModelPath);
        using var lifetime = (IDisposable)model;

        var one = new ImagePredictor(ml, model).Predict(paths);
        var two = new ImagePredictor(ml, model, cursors: 2).Predict(paths);

        Assert.Equal(paths, two.Select(p => p.ImagePath));
        Assert.Equal(one.Select(p => p.Label), two.Select(p => p.Label));
        Assert.Equal(one.Select(p => p.Scores), two.Select(p => p.Scores));
        Assert.True(one.Select(p => p.Scores[0]).Distinct().Count() > 1, "the images should score differently");
    }

    [Fact]
    public void PredictCommand_SeveralImages_PrintsOneLineEachInTheOrderGiven()
    {
        using var temp = new TempFolder();
        var names = new[] { "c.png", "a.png", "b.png" };
        foreach (var (name, i) in names.Select((n, i) => (n, i))) TinyPng.Write(temp.Combine(name), 16, 16, (byte)(80 * i), 100, 30);
        var output = new StringWriter();

        int code = CommandLine.Run(["predict", run.ModelPath, .. names.Select(n => temp.Combine(n))], output, output);

        Assert.True(code == 0, $"predict exited with {code}:\n{output}");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(names, lines.Select(l => Path.GetFileName(l.Split('\t')[0])));
    }

    [Fact]
    public void PredictCommand_MissingImage_UserError()
    {
        var output = new StringWriter();

        Assert.Equal(ExitCodes.UserError, CommandLine.Run(["predict", run.ModelPath, "/nonexistent/x.png"], output, output));
        Assert.Contains("Image or folder not found: /nonexistent/x.png", output.ToString());
    }
}
