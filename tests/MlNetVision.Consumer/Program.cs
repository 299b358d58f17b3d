// A plain ML.NET consumer of an MlNetVision model.zip.
//   predict <model.zip> <image> [<image> ...]      one line per image: path, class, probability
//   cifar <model.zip> <cifar-10-batches-bin> [N]   accuracy on the first N official test images (all by default),
//                                                 written as PNG files and scored through the zip; prints JSON
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
    var engine = ml.Model.CreatePredictionEngine<ImageInput, Prediction>(model);
    foreach (var path in args.Skip(2))
    {
        var prediction = engine.Predict(new ImageInput { ImagePath = Path.GetFullPath(path) });
        Console.WriteLine($"{path}\t{prediction.PredictedLabel[0]}\t{prediction.Score.Max():0.000000}");
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
    var inputs = new List<ImageInput>();
    var truth = new List<string>();
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
        inputs.Add(new ImageInput { ImagePath = path });
        truth.Add(classes[record[0]]);
    }
    var started = DateTime.UtcNow;
    var predicted = model.Transform(ml.Data.LoadFromEnumerable(inputs)).GetColumn<string[]>("PredictedLabel").Select(v => v[0]).ToList();
    var seconds = (DateTime.UtcNow - started).TotalSeconds;
    int correct = predicted.Zip(truth).Count(p => p.First == p.Second);
    Console.WriteLine(JsonSerializer.Serialize(new { count, correct, accuracy = (double)correct / count, seconds, predictions = predicted }));
    return 0;
}
finally
{
    Directory.Delete(images, recursive: true);
}

/// <summary>The zip's input: a path to an image file of any size.</summary>
public sealed class ImageInput
{
    public string ImagePath { get; set; } = "";
}

/// <summary>The zip's outputs.</summary>
public sealed class Prediction
{
    /// <summary>Class probabilities, in the order the report lists the classes.</summary>
    public float[] Score { get; set; } = [];

    /// <summary>The predicted class name (ML.NET gives ONNX outputs as vectors: one element).</summary>
    public string[] PredictedLabel { get; set; } = [];
}
