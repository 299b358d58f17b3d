using System.Collections.Concurrent;
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
/// (ML.NET's streaming batch API), read once through <paramref name="cursors"/> parallel cursors
/// (<see cref="ParallelCursors"/>) that take the images in turn (<see cref="InterleavedDataView"/>); the predictions
/// come back in the order of the paths. Unlike a
/// <c>PredictionEngine</c>, which is not thread-safe, one predictor may serve several threads: each call builds its
/// own data view and cursors.
/// </summary>
/// <remarks>
/// Each cursor makes its own ONNX Runtime calls. For one cursor per core, load the zip through a context bound to one
/// intra-op thread (<c>OnnxRuntimeThreads.Bound(mlContext, 1)</c>), so the cores are not oversubscribed.
/// </remarks>
public sealed class ImagePredictor(MLContext mlContext, ITransformer model, int cursors = 1)
{
    /// <summary>Predicts every image.</summary>
    public IReadOnlyList<ImagePrediction> Predict(IEnumerable<string> imagePaths)
    {
        var paths = imagePaths.Select(Path.GetFullPath).ToList();
        var scored = model.Transform(new InterleavedDataView(mlContext.Data.LoadFromEnumerable(paths.Select(p => new Input { ImagePath = p }).ToList())));
        var label = scored.Schema["PredictedLabel"];
        var score = scored.Schema["Score"];
        var perCursor = new ConcurrentBag<List<(ulong Row, string Label, float[] Scores)>>();
        ParallelCursors.ForEach(scored, [label, score], Math.Max(1, cursors), cursor =>
        {
            var read = new List<(ulong Row, string Label, float[] Scores)>();
            perCursor.Add(read);
            var id = cursor.GetIdGetter();
            var labelGetter = LabelGetter(cursor, label);
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
            DataViewRowId row = default;
            VBuffer<float> scores = default;
            while (cursor.MoveNext())
            {
                id(ref row);
                scoreGetter(ref scores);
                read.Add((row.Low, labelGetter(), scores.DenseValues().ToArray()));
            }
        });
        var ordered = perCursor.SelectMany(r => r).OrderBy(r => r.Row).ToList();
        if (ordered.Count != paths.Count) throw new InvalidOperationException($"The model scored {ordered.Count} of {paths.Count} images.");
        return paths.Select((p, i) => new ImagePrediction(p, ordered[i].Label, ordered[i].Scores.Max(), ordered[i].Scores)).ToList();
    }

    /// <summary>
    /// Reads the predicted class name: a one-element string vector in the zips of trained networks (ML.NET maps every
    /// ONNX output to a vector), a plain string in the ML.NET featurizer baseline's zip.
    /// </summary>
    private static Func<string> LabelGetter(DataViewRow row, DataViewSchema.Column label)
    {
        if (label.Type is VectorDataViewType)
        {
            var vector = row.GetGetter<VBuffer<ReadOnlyMemory<char>>>(label);
            VBuffer<ReadOnlyMemory<char>> value = default;
            return () => { vector(ref value); return value.GetItemOrDefault(0).ToString(); };
        }
        var scalar = row.GetGetter<ReadOnlyMemory<char>>(label);
        ReadOnlyMemory<char> text = default;
        return () => { scalar(ref text); return text.ToString(); };
    }

    private sealed class Input
    {
        public string ImagePath { get; set; } = "";
    }
}
