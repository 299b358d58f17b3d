using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetVision.Persistence;

/// <summary>One prediction.</summary>
/// <param name="ImagePath">The image.</param>
/// <param name="Label">Predicted class name.</param>
/// <param name="Probability">Its probability.</param>
/// <param name="Scores">Every class's probability, in the model's class order.</param>
public sealed record ImagePrediction(string ImagePath, string Label, float Probability, float[] Scores);

/// <summary>
/// Batch prediction with a loaded model zip: one <c>Transform</c> over an <see cref="IDataView"/> of paths
/// (ML.NET's streaming batch API). Unlike a <c>PredictionEngine</c>, which is not thread-safe, one
/// predictor may serve several threads: each call builds its own data view and cursor.
/// </summary>
public sealed class ImagePredictor(MLContext mlContext, ITransformer model)
{
    /// <summary>Predicts every image.</summary>
    public IReadOnlyList<ImagePrediction> Predict(IEnumerable<string> imagePaths)
    {
        var paths = imagePaths.Select(Path.GetFullPath).ToList();
        var scored = model.Transform(mlContext.Data.LoadFromEnumerable(paths.Select(p => new Input { ImagePath = p })));
        var labels = scored.GetColumn<string[]>("PredictedLabel").ToList();
        var scores = scored.GetColumn<float[]>("Score").ToList();
        return paths.Select((p, i) => new ImagePrediction(p, labels[i][0], scores[i].Max(), scores[i])).ToList();
    }

    private sealed class Input
    {
        public string ImagePath { get; set; } = "";
    }
}
