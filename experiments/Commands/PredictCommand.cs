using System.CommandLine;
using Microsoft.ML;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Persistence;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>predict &lt;model.zip&gt; &lt;image&gt;...</c>: classifies image files with a saved model on parallel cursors, one per
/// physical core (fewer when there are fewer images), the cores shared out as ONNX Runtime threads per cursor.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Argument<string>("model") { Description = "A model.zip written by 'run'." };
        var images = new Argument<string[]>("images") { Description = "Image files (PNG, JPEG, BMP; any size).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify image files with a saved model zip (batch prediction).") { model, images };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(images)!;
            foreach (var path in paths)
                if (!File.Exists(path)) throw new Infrastructure.MlNetVisionException($"Image not found: {path}");
            int cursors = Math.Min(PhysicalCores.Count, paths.Length);
            var ml = new MLContext();
            OnnxRuntimeThreads.Bound(ml, Math.Max(1, PhysicalCores.Count / cursors));
            var (transformer, _) = ModelZip.Load(ml, parse.GetValue(model)!);
            try
            {
                foreach (var prediction in new ImagePredictor(ml, transformer, cursors).Predict(paths))
                    output.WriteLine($"{prediction.ImagePath}\t{prediction.Label}\t{prediction.Probability:0.0000}");
            }
            finally
            {
                (transformer as IDisposable)?.Dispose();          // deletes ML.NET's temporary copy of the ONNX model
            }
            return 0;
        });
        return command;
    }
}
