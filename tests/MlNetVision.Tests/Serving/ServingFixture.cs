extern alias Serving;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Persistence;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;
using ServingProgram = Serving::Program;

namespace MlNetVision.Tests.Serving;

/// <summary>Trains a small simple_cnn zip once (three colour classes, 16 px), writes a report.json beside it and hosts the
/// serving app on it in-process.</summary>
public sealed class ServingFixture : IDisposable
{
    public ServingFixture()
    {
        ImageFolders.WriteSplit(Temp.Path, Classes, trainPerClass: 12, testPerClass: 2, seed: 3);
        var ml = new MLContext(seed: 0);
        var train = ImageFolderReader.ToDataView(ml, ImageFolderReader.Read(Temp.Combine("train")));
        var features = new ImagePreprocessing(16, 1f / 255).FromImagePath(ml);
        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(
            new TorchImageClassifierOptions { ModelName = "simple_cnn", Epochs = 2, BatchSize = 8 }, Pipelines.QuickRuntime);
        using (var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(features).Append(trainer).Fit(train))
        {
            var serving = features.Fit(train).Append(model.LastTransformer);
            ModelZip.Save(ml, serving, train.Schema,
                new ModelZipMetadata(ModelZipMetadata.CurrentSchemaVersion, "serving-test", "simple_cnn", Classes, 16, DateTimeOffset.UtcNow), Zip);
        }
        File.WriteAllText(Temp.Combine("report.json"), """{"schemaVersion":1,"metrics":{"accuracy":0.75,"macroF1":0.5}}""");
        TestImages = ImageFolderReader.Read(Temp.Combine("test")).Select(e => e.ImagePath).ToArray();
        Factory = Host();
    }

    public static string[] Classes { get; } = ImageFolders.ClassNames(3);

    public TempFolder Temp { get; } = new();

    public string Zip => Temp.Combine("model.zip");

    public IReadOnlyList<string> TestImages { get; }

    /// <summary>The app on <see cref="Zip"/> with its default limits.</summary>
    public WebApplicationFactory<ServingProgram> Factory { get; }

    /// <summary>A new host of the app on <see cref="Zip"/> with extra settings.</summary>
    public WebApplicationFactory<ServingProgram> Host(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<ServingProgram>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Model", Zip);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });

    public void Dispose()
    {
        Factory.Dispose();
        Temp.Dispose();
    }
}
