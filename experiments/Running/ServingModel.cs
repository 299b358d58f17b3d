using Microsoft.ML;
using MlNetVision.Infrastructure;
using MlNetVision.Data;
using MlNetVision.Persistence;

namespace MlNetVision.Experiments.Running;

/// <summary>The model zip a plain ML.NET app loads: image paths in, the trained classifier's scores out.</summary>
public static class ServingModel
{
    /// <summary>
    /// Writes the zip: input <c>ImagePath</c>; <see cref="ImagePreprocessing.FromImagePath"/> of <paramref name="preprocessing"/>
    /// (the same definition training used), then <paramref name="classifier"/>. Written to a temporary file and renamed into place.
    /// </summary>
    /// <exception cref="MlNetVisionException">The file cannot be written.</exception>
    public static void Save(MLContext ml, ITransformer classifier, ImagePreprocessing preprocessing, string path, ModelZipMetadata metadata)
    {
        var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<ImagePathRow>());
        var serving = preprocessing.FromImagePath(ml).Fit(inputSchema).Append(classifier);
        try
        {
            ModelZip.Save(ml, serving, inputSchema.Schema, metadata, path);
        }
        catch (IOException e)
        {
            throw new MlNetVisionException($"Could not write {path}: {e.Message} (is the disk full?). Nothing was written there; the checkpoint in the run folder keeps the training.", e);
        }
    }

    private sealed class ImagePathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
