using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Persistence;
using MlNetVision.Training;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Inference through a saved ML.NET model zip, as a user of the zip gets it: the exported ONNX classifier becomes
/// the trainer's stock transformers (<see cref="ClassifierTransformers"/>), is saved with <c>mlContext.Model.Save</c>,
/// loaded back with <c>mlContext.Model.Load</c>, and scores in-memory <c>Features</c> rows (random pixels, made
/// outside the timed region) with one <c>Transform</c> per pass, read through <see cref="ParallelCursors"/> (columns
/// <c>Score</c> and <c>PredictedLabelKey</c>). A pass holds <see cref="BenchmarkCase.Batch"/> ×
/// <see cref="BenchmarkCase.Steps"/> rows, the images the TorchSharp eval scores in its batches, as an application
/// scores a set of images in one streaming <c>Transform</c>; the rows are dealt to the cursors in turn
/// (<see cref="InterleavedDataView"/>). The zip's image loading and resizing are not included.
/// </summary>
public static class ZipInferenceBenchmark
{
    /// <summary>Timed passes per threading, after one untimed pass.</summary>
    public const int TimedPasses = 3;

    /// <summary>
    /// The fastest of the threadings <see cref="ThreadingsToTry"/> gives for <paramref name="c"/>'s threads; its
    /// <see cref="ZipInferenceSpeed.Threading"/> says which.
    /// </summary>
    public static ZipInferenceSpeed RunFastest(byte[] onnx, IReadOnlyList<string> classNames, BenchmarkCase c) =>
        Fastest(ThreadingsToTry(c.Threads).Select(threading => Run(onnx, classNames, c, threading)));

    /// <summary>
    /// The threadings worth timing for <paramref name="threads"/> cores (0 or less = one per physical core): every core
    /// on each row (intra-op threads), one thread, and one thread per cursor with a cursor per core. ML.NET's ONNX
    /// transformer makes one ONNX Runtime call per row; on a small network a second intra-op thread costs more in
    /// hand-offs per call than it saves (<c>simple_vit</c>: 473–480 zip img/s on two threads against 638–697 on one),
    /// and rows on parallel cursors keep both cores busy instead.
    /// </summary>
    public static IReadOnlyList<ZipThreading> ThreadingsToTry(int threads)
    {
        int resolved = PhysicalCores.Or(threads);
        return resolved > 1 ? [new(resolved, 1), new(1, 1), new(1, resolved)] : [new(1, 1)];
    }

    /// <summary>The speed with the most images per second (the first of equals).</summary>
    public static ZipInferenceSpeed Fastest(IEnumerable<ZipInferenceSpeed> speeds) =>
        speeds.Aggregate((best, next) => next.ImagesPerSecond > best.ImagesPerSecond ? next : best);

    /// <summary>
    /// Times one untimed and <see cref="TimedPasses"/> timed passes of <paramref name="c"/>'s rows through
    /// <paramref name="onnx"/> (a <see cref="ClassifierOnnxExporter"/> export) with <paramref name="threading"/>.
    /// </summary>
    public static ZipInferenceSpeed Run(byte[] onnx, IReadOnlyList<string> classNames, BenchmarkCase c, ZipThreading threading)
    {
        var ml = new MLContext(seed: 0);
        OnnxRuntimeThreads.Bound(ml, threading.IntraOpThreads);
        int features = 3 * c.ImageSize * c.ImageSize;
        int rowsPerPass = c.Batch * c.Steps;
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        var random = new Random(0);
        IDataView Rows(int count) => new InterleavedDataView(ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ => RandomRow(random, features)).ToList(), schema));

        using var model = ClassifierTransformers.Fit(ml, onnx, classNames, ClassifierOnnxExporter.FeaturesName, Rows(1));   // saved and loaded back
        var times = new List<double>();
        for (int pass = 0; pass < 1 + TimedPasses; pass++)
        {
            var rows = Rows(rowsPerPass);
            var clock = Stopwatch.StartNew();
            long scored = Score(model.Transform(rows), threading.Cursors);
            clock.Stop();
            if (scored != rowsPerPass) throw new InvalidOperationException($"The zip scored {scored} rows of {rowsPerPass}.");
            if (pass > 0) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new ZipInferenceSpeed(BenchmarkStatistics.ImagesPerSecond(rowsPerPass, times), BenchmarkStatistics.Median(times) / c.Steps, threading);
    }

    private static FeatureRow RandomRow(Random random, int features)
    {
        var pixels = new byte[features];
        random.NextBytes(pixels);
        return new FeatureRow { Features = Array.ConvertAll(pixels, p => p / 255f) };
    }

    private static long Score(IDataView scored, int cursors)
    {
        var score = scored.Schema[ClassifierOnnxExporter.ScoreName];
        var key = scored.Schema[ClassifierTransformers.PredictedLabelKeyColumn];
        long rows = 0;
        ParallelCursors.ForEach(scored, [score, key], cursors, cursor =>
        {
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
            var keyGetter = cursor.GetGetter<uint>(key);
            VBuffer<float> scores = default;
            uint label = 0;
            long read = 0;
            while (cursor.MoveNext())
            {
                scoreGetter(ref scores);
                keyGetter(ref label);
                read++;
            }
            Interlocked.Add(ref rows, read);
        });
        return rows;
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
