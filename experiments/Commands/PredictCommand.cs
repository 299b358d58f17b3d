using System.CommandLine;
using Microsoft.ML;
using MlNetVision.Infrastructure;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Persistence;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>predict &lt;model.zip&gt; &lt;path&gt;...</c>: classifies image files, and every image in the folders given
/// (<see cref="PredictInputs"/>), with a saved model on parallel cursors, one per physical core (fewer when there are
/// fewer images), the cores shared out as ONNX Runtime threads per cursor. A file that is not a decodable image stops
/// the command with an error naming it, or with <c>--skip-bad-images</c> is skipped with a note on the error stream.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Builds the command; predictions go to <paramref name="output"/>, notes of skipped files to <paramref name="error"/>.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "A model.zip written by 'run'." };
        var inputs = new Argument<string[]>("paths")
        {
            Description = "Image files (PNG, JPEG, BMP; any size up to 40 megapixels) or folders: a folder means every .png, .jpg, .jpeg and .bmp file in it and its subfolders (any case, in path order); its other files are skipped and counted.",
            Arity = ArgumentArity.OneOrMore,
        };
        var skipBad = new Option<bool>("--skip-bad-images")
        {
            Description = "Skip files that cannot be decoded as images (not PNG/JPEG/BMP, corrupt, or over 40 megapixels), printing 'skipped <path>: <reason>' to stderr, and exit 0 if at least one image was classified. Default: the first such file stops the command with an error naming it (exit code 2).",
        };
        var command = new Command("predict", "Classify images (files or folders) with a saved model zip (batch prediction): one line per image, path, class and probability, tab separated.") { model, inputs, skipBad };
        command.SetAction(parse =>
        {
            var paths = PredictInputs.Expand(parse.GetValue(inputs)!, error);
            int cursors = Math.Min(PhysicalCores.Count, paths.Count);
            var ml = new MLContext();
            OnnxRuntimeThreads.Bound(ml, Math.Max(1, PhysicalCores.Count / cursors));
            var (transformer, _) = ModelZip.Load(ml, parse.GetValue(model)!);
            PredictionBatch batch;
            try
            {
                batch = new ImagePredictor(ml, transformer, cursors).Predict(paths, parse.GetValue(skipBad));
            }
            finally
            {
                (transformer as IDisposable)?.Dispose();          // deletes ML.NET's temporary copy of the ONNX model
            }
            foreach (var skipped in batch.Skipped) error.WriteLine($"skipped {skipped.ImagePath}: {skipped.Reason}");
            foreach (var prediction in batch.Predictions)
                output.WriteLine($"{prediction.ImagePath}\t{prediction.Label}\t{prediction.Probability:0.0000}");
            if (batch.Predictions.Count == 0)
                throw new MlNetVisionException($"No image could be classified: all {batch.Skipped.Count} were skipped.");
            return 0;
        });
        return command;
    }
}
