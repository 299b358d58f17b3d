using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Training;

namespace MlNetVision.Benchmarks;

/// <summary>
/// Inference through a saved ML.NET model zip, as a user of the zip gets it: the exported ONNX classifier becomes
/// the trainer's stock transformers (<see cref="ClassifierTransformers"/>), is saved with <c>mlContext.Model.Save</c>,
/// loaded back with <c>mlContext.Model.Load</c>, and scores in-memory batches of <c>Features</c> rows
/// (fresh random pixels per batch, made outside the timed region) with one <c>Transform</c> and a cursor over
/// <c>Score</c> and <c>PredictedLabelKey</c> per batch. The zip's image loading and resizing are not included.
/// </summary>
public static class ZipInferenceBenchmark
{
    /// <summary>
    /// The faster of <paramref name="c"/>'s intra-op threads and one thread (see <see cref="ThreadCountsToTry"/>); its
    /// <see cref="ZipInferenceSpeed.IntraOpThreads"/> says which.
    /// </summary>
    public static ZipInferenceSpeed RunFastest(byte[] onnx, IReadOnlyList<string> classNames, BenchmarkCase c) =>
        Fastest(ThreadCountsToTry(c.Threads).Select(threads => Run(onnx, classNames, c with { Threads = threads })));

    /// <summary>
    /// The ONNX Runtime intra-op thread counts worth timing for <paramref name="threads"/> (0 or less = one per
    /// physical core): that count, and one thread. ML.NET's ONNX transformer makes one ONNX Runtime call per row, and
    /// on a small network a second thread costs more in hand-offs per call than it saves
    /// (<c>bench --model simple_vit --threads 2</c> against <c>--threads 1</c>: 473–480 against 638–697 zip img/s),
    /// so a server of such a zip would run it on one thread.
    /// </summary>
    public static IReadOnlyList<int> ThreadCountsToTry(int threads)
    {
        int resolved = PhysicalCores.Or(threads);
        return resolved > 1 ? [resolved, 1] : [1];
    }

    /// <summary>The speed with the most images per second (the first of equals).</summary>
    public static ZipInferenceSpeed Fastest(IEnumerable<ZipInferenceSpeed> speeds) =>
        speeds.Aggregate((best, next) => next.ImagesPerSecond > best.ImagesPerSecond ? next : best);

    /// <summary>Times <paramref name="c"/>'s warm-up and timed batches through <paramref name="onnx"/> (a <see cref="ClassifierOnnxExporter"/> export).</summary>
    public static ZipInferenceSpeed Run(byte[] onnx, IReadOnlyList<string> classNames, BenchmarkCase c)
    {
        var ml = new MLContext(seed: 0);
        int threads = OnnxRuntimeThreads.Bound(ml, c.Threads);
        int features = 3 * c.ImageSize * c.ImageSize;
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        var random = new Random(0);
        IDataView Batch(int rows) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ => RandomRow(random, features)).ToList(), schema);

        var first = Batch(1);
        var fitted = ClassifierTransformers.Estimator(ml, onnx, classNames, ClassifierOnnxExporter.FeaturesName).Fit(first);
        using var zip = new MemoryStream();
        ml.Model.Save(fitted, first.Schema, zip);
        (fitted as IDisposable)?.Dispose();
        zip.Position = 0;
        var model = ml.Model.Load(zip, out _);
        try
        {
            var times = new List<double>();
            for (int step = 0; step < c.Warmup + c.Steps; step++)
            {
                var batch = Batch(c.Batch);
                var clock = Stopwatch.StartNew();
                long rows = Score(model.Transform(batch));
                clock.Stop();
                if (rows != c.Batch) throw new InvalidOperationException($"The zip scored {rows} rows of {c.Batch}.");
                if (step >= c.Warmup) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return new ZipInferenceSpeed(BenchmarkStatistics.ImagesPerSecond(c.Batch, times), BenchmarkStatistics.Median(times), threads);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static FeatureRow RandomRow(Random random, int features)
    {
        var pixels = new byte[features];
        random.NextBytes(pixels);
        return new FeatureRow { Features = Array.ConvertAll(pixels, p => p / 255f) };
    }

    private static long Score(IDataView scored)
    {
        var score = scored.Schema[ClassifierOnnxExporter.ScoreName];
        var key = scored.Schema[ClassifierTransformers.PredictedLabelKeyColumn];
        using var cursor = scored.GetRowCursor([score, key]);
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        var keyGetter = cursor.GetGetter<VBuffer<uint>>(key);
        VBuffer<float> scores = default;
        VBuffer<uint> label = default;
        long rows = 0;
        while (cursor.MoveNext())
        {
            scoreGetter(ref scores);
            keyGetter(ref label);
            rows++;
        }
        return rows;
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
