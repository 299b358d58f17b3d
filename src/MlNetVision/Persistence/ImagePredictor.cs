using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;

namespace MlNetVision.Persistence;

/// <summary>
/// Batch prediction with a loaded model zip: one <c>Transform</c> over an <see cref="IDataView"/> of paths
/// (ML.NET's streaming batch API), read once through <paramref name="cursors"/> parallel cursors
/// (<see cref="ParallelCursors"/>) that take the images in turn (<see cref="InterleavedDataView"/>); the predictions
/// come back in the order of the paths. Unlike a
/// <c>PredictionEngine</c>, which is not thread-safe, one predictor may serve several threads: each call builds its
/// own data view and cursors.
/// </summary>
/// <remarks>
/// <para>
/// Each cursor makes its own ONNX Runtime calls. For one cursor per core, load the zip through a context bound to one
/// intra-op thread (<c>OnnxRuntimeThreads.Bound(mlContext, 1)</c>), so the cores are not oversubscribed.
/// </para>
/// <para>
/// Every file's header is checked before the model runs (a PNG, JPEG or BMP signature, at most
/// <see cref="ImageFolderReader.MaxPixels"/> pixels, the same check as <see cref="ImageFolderReader"/>), and a file
/// that passes it but fails to decode is caught where the model reads it: either way the error names the file.
/// </para>
/// </remarks>
public sealed class ImagePredictor(MLContext mlContext, ITransformer model, int cursors = 1)
{
    /// <summary>Predicts every image.</summary>
    /// <exception cref="MlNetVisionException">A file is not a readable PNG, JPEG or BMP image, or is too large; the message names it.</exception>
    public IReadOnlyList<ImagePrediction> Predict(IEnumerable<string> imagePaths) => Predict(imagePaths, skipBadImages: false).Predictions;

    /// <summary>
    /// Predicts every image; with <paramref name="skipBadImages"/>, a file that cannot be decoded (or is too large) is
    /// left out and listed in <see cref="PredictionBatch.Skipped"/> instead of failing the batch.
    /// </summary>
    /// <exception cref="MlNetVisionException">Without <paramref name="skipBadImages"/>: the first bad file, named.</exception>
    internal PredictionBatch Predict(IEnumerable<string> imagePaths, bool skipBadImages)
    {
        var paths = imagePaths.Select(Path.GetFullPath).ToList();
        var problems = new string?[paths.Count];
        for (int i = 0; i < paths.Count; i++)
        {
            problems[i] = ImageFileCheck.Problem(paths[i], decode: false);
            if (problems[i] is { } problem && !skipBadImages) throw new MlNetVisionException(ImageFileCheck.Describe(paths[i], problem));
        }
        var scored = Score(paths.Where((_, i) => problems[i] is null).ToList(), skipBadImages);
        var predictions = new List<ImagePrediction>();
        var skipped = new List<SkippedImage>();
        int next = 0;
        for (int i = 0; i < paths.Count; i++)
        {
            var row = problems[i] is null ? scored[next++] : new Scored(null, null, problems[i]);
            if (row.Failure is not null) skipped.Add(new SkippedImage(paths[i], row.Failure));
            else predictions.Add(new ImagePrediction(paths[i], row.Label!, row.Scores!.Max(), row.Scores!));
        }
        return new PredictionBatch(predictions, skipped);
    }

    /// <summary>
    /// Runs the model over <paramref name="paths"/>: one result per path, in their order. A decoder error on a row
    /// fails the batch naming its file or, with <paramref name="skipBadImages"/>, becomes that row's failure.
    /// </summary>
    private Scored[] Score(IReadOnlyList<string> paths, bool skipBadImages)
    {
        var results = new Scored[paths.Count];
        if (paths.Count == 0) return results;
        var scored = model.Transform(new InterleavedDataView(mlContext.Data.LoadFromEnumerable(paths.Select(p => new Input { ImagePath = p }).ToList())));
        var label = scored.Schema["PredictedLabel"];
        var score = scored.Schema["Score"];
        ParallelCursors.ForEach(scored, [label, score], Math.Max(1, cursors), cursor =>
        {
            var id = cursor.GetIdGetter();
            var labelGetter = LabelGetter(cursor, label);
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
            DataViewRowId row = default;
            VBuffer<float> scores = default;
            while (cursor.MoveNext())
            {
                id(ref row);
                int index = checked((int)row.Low);
                try
                {
                    scoreGetter(ref scores);
                    results[index] = new Scored(labelGetter(), scores.DenseValues().ToArray(), null);
                }
                catch (Exception e) when (DecodeFailure(e) is { } reason)
                {
                    if (!skipBadImages) throw new MlNetVisionException(ImageFileCheck.Describe(paths[index], reason), e);
                    results[index] = new Scored(null, null, reason);
                }
            }
        });
        int missing = results.Count(r => r.Label is null && r.Failure is null);
        if (missing > 0) throw new InvalidOperationException($"The model scored {paths.Count - missing} of {paths.Count} images.");
        return results;
    }

    /// <summary>
    /// The decoder's message when <paramref name="e"/> is ML.NET failing to decode an image (<c>MLImage</c> throws an
    /// <see cref="ArgumentException"/>, which a consolidating cursor wraps in an <see cref="InvalidOperationException"/>),
    /// else null.
    /// </summary>
    private static string? DecodeFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is ArgumentException) return inner.Message;
        return null;
    }

    /// <summary>
    /// Reads the predicted class name: a string in zips of contract 2 (this build), a one-element string vector in the
    /// trained networks' zips of contract 1 (the ONNX model's own output; ML.NET maps every ONNX output to a vector).
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

    /// <summary>One row's outcome: a label and scores, or the reason it failed.</summary>
    private readonly record struct Scored(string? Label, float[]? Scores, string? Failure);

    private sealed class Input
    {
        public string ImagePath { get; set; } = "";
    }
}
