// A plain ML.NET consumer of an MlNetVision model.zip.
//   predict <model.zip> <image> [<image> ...]      one line per image: path, class, probability
//   cifar <model.zip> <cifar-10-batches-bin> [N]   the first N official test images (all by default), written as PNG
//                                                 files, predicted one by one with a PredictionEngine and scored in one
//                                                 batch; Evaluate on ML.NET's default columns; prints JSON
// ModelInput/ModelOutput are the classes ML.NET's samples and Model Builder write: string PredictedLabel, float[] Score.
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length < 2 || args[0] is not ("predict" or "cifar"))
{
    Console.Error.WriteLine("usage: predict <model.zip> <image>... | cifar <model.zip> <cifar-10-batches-bin> [N]");
    return 2;
}

var ml = new MLContext();
var model = ml.Model.Load(args[1], out _);
using var modelLifetime = model as IDisposable;   // disposing deletes ML.NET's temporary copy of the ONNX model

if (args[0] == "predict")
{
    var engine = ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
    foreach (var path in args.Skip(2))
    {
        var prediction = engine.Predict(new ModelInput { ImagePath = Path.GetFullPath(path) });
        Console.WriteLine($"{path}\t{prediction.PredictedLabel}\t{prediction.Score.Max():0.000000}");
    }
    return 0;
}

var folder = args[2];
int limit = args.Length > 3 ? int.Parse(args[3]) : int.MaxValue;
var classes = File.ReadAllLines(Path.Combine(folder, "batches.meta.txt")).Where(l => l.Trim().Length > 0).ToArray();
var records = File.ReadAllBytes(Path.Combine(folder, "test_batch.bin"));
int count = Math.Min(limit, records.Length / 3073);
var images = Path.Combine(Path.GetTempPath(), $"consumer-{Environment.ProcessId}");
Directory.CreateDirectory(images);
try
{
    var inputs = new List<ModelInput>();
    for (int i = 0; i < count; i++)
    {
        var record = records.AsSpan(i * 3073, 3073);
        var rgba = new byte[32 * 32 * 4];
        for (int p = 0; p < 1024; p++)
        {
            rgba[4 * p] = record[1 + p];
            rgba[4 * p + 1] = record[1 + 1024 + p];
            rgba[4 * p + 2] = record[1 + 2048 + p];
            rgba[4 * p + 3] = 255;
        }
        var path = Path.Combine(images, $"{i:D5}.png");
        using (var image = MLImage.CreateFromPixels(32, 32, MLPixelFormat.Rgba32, rgba)) image.Save(path);
        inputs.Add(new ModelInput { ImagePath = path, Label = classes[record[0]] });
    }
    var started = DateTime.UtcNow;
    var engine = ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
    var predicted = inputs.Select(input => engine.Predict(input).PredictedLabel).ToList();
    var seconds = (DateTime.UtcNow - started).TotalSeconds;
    int correct = predicted.Zip(inputs).Count(p => p.First == p.Second.Label);

    // The batch route: Score's slot names are the class names; Label mapped to a key in that order; Evaluate's defaults.
    var data = ml.Data.LoadFromEnumerable(inputs);
    VBuffer<ReadOnlyMemory<char>> slotNames = default;
    model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref slotNames);
    var scoreClasses = slotNames.DenseValues().Select(n => n.ToString()).ToArray();
    var keyData = ml.Data.LoadFromEnumerable(scoreClasses.Select(n => new ClassName { Value = n }));
    var labelled = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keyData).Fit(data).Transform(data);
    var scored = model.Transform(labelled);
    var batch = scored.GetColumn<string>("PredictedLabel").ToList();
    var metrics = ml.MulticlassClassification.Evaluate(scored);
    // A trained network's zip also gives its raw Logits: its own arg-max must be the zip's PredictedLabel on every image.
    int? argMaxDisagreements = scored.Schema.GetColumnOrNull("Logits") is null ? null
        : scored.GetColumn<float[]>("Logits").Zip(batch).Count(p => scoreClasses[Array.IndexOf(p.First, p.First.Max())] != p.Second);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        count, correct, accuracy = (double)correct / count, evaluateAccuracy = metrics.MicroAccuracy, scoreClasses, seconds,
        batchAgrees = batch.SequenceEqual(predicted), argMaxDisagreements, predictions = predicted,
    }));
    return 0;
}
finally
{
    Directory.Delete(images, recursive: true);
}

/// <summary>The zip's input: a path to an image file of any size (Label is not read by the model; Evaluate uses it).</summary>
public sealed class ModelInput
{
    public string ImagePath { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>The zip's outputs, as ML.NET's samples declare them.</summary>
public sealed class ModelOutput
{
    /// <summary>The predicted class name.</summary>
    public string PredictedLabel { get; set; } = "";

    /// <summary>Class probabilities, in the order of the Score column's slot names (the class names).</summary>
    public float[] Score { get; set; } = [];
}

/// <summary>A class name, for MapValueToKey's keyData.</summary>
public sealed class ClassName
{
    public string Value { get; set; } = "";
}
