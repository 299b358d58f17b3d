using System.Diagnostics;
using Microsoft.ML;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Persistence;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Batch throughput of a saved model zip on image files, as an application scores a folder: the zip is loaded with
/// <c>mlContext.Model.Load</c> and its whole pipeline runs — image loading, resizing, the ONNX network (with any
/// test-time augmentation the zip holds), the softmax head and the label — through <see cref="ImagePredictor"/>, one
/// <c>Transform</c> over <c>rows</c> image paths per pass read on parallel cursors. Each threading of
/// <see cref="ZipInferenceBenchmark.ThreadingsToTry"/> gets one untimed and <see cref="ZipInferenceBenchmark.TimedPasses"/>
/// timed passes; the fastest is reported. This is the batch figure <c>serve-bench</c>'s requests/s is held against.
/// </summary>
public static class SavedZipBenchmark
{
    /// <summary>Rows scored per pass when not given: the images repeated in turn.</summary>
    public const int DefaultRows = 512;

    /// <summary>Times <paramref name="zip"/> on <paramref name="rows"/> rows taken in turn from <paramref name="images"/>;
    /// <paramref name="threads"/> 0 = one per physical core.</summary>
    public static SavedZipResult Run(string zip, IReadOnlyList<string> images, int rows = DefaultRows, int threads = 0)
    {
        if (images.Count == 0) throw new ArgumentException("no images to score", nameof(images));
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var paths = Enumerable.Range(0, rows).Select(i => images[i % images.Count]).ToList();
        var fastest = ZipInferenceBenchmark.Fastest(ZipInferenceBenchmark.ThreadingsToTry(threads).Select(t => Time(zip, paths, t)));
        var metadata = ModelZip.ReadMetadata(zip);
        return new SavedZipResult(Path.GetFullPath(zip), metadata?.Model ?? "", metadata?.PipelineImageSize ?? 0, images.Count, rows,
            BenchmarkStatistics.Round(fastest.ImagesPerSecond), BenchmarkStatistics.Round(fastest.StepMsMedian), fastest.Threading.IntraOpThreads, fastest.Threading.Cursors);
    }

    private static ZipInferenceSpeed Time(string zip, IReadOnlyList<string> paths, ZipThreading threading)
    {
        var ml = new MLContext(seed: 0);
        OnnxRuntimeThreads.Bound(ml, threading.IntraOpThreads);
        var (model, _) = ModelZip.Load(ml, zip);
        try
        {
            var predictor = new ImagePredictor(ml, model, threading.Cursors);
            var times = new List<double>();
            for (int pass = 0; pass < 1 + ZipInferenceBenchmark.TimedPasses; pass++)
            {
                var clock = Stopwatch.StartNew();
                int scored = predictor.Predict(paths).Count;
                clock.Stop();
                if (scored != paths.Count) throw new InvalidOperationException($"The zip scored {scored} images of {paths.Count}.");
                if (pass > 0) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return new ZipInferenceSpeed(BenchmarkStatistics.ImagesPerSecond(paths.Count, times), BenchmarkStatistics.Median(times) / paths.Count, threading);
        }
        finally
        {
            (model as IDisposable)?.Dispose();   // deletes ML.NET's temporary copy of the ONNX model
        }
    }
}
