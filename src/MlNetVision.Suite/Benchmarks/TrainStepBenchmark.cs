using MlNetVision.Registry;
using System.Diagnostics;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Times training steps and inference of a registered model on random batches, like the PyTorch peer's
/// <c>throughput</c> mode: a fresh batch per step (uint8 pixels normalised as (x/255 − 0.5)/0.5, random labels) made
/// outside the timed region, Adam 1e-3 (the trainer's one-pass <see cref="FusedAdam"/>), then eval-mode inference
/// without gradients; then the same network (untrained weights, float32) through a saved ML.NET model zip
/// (<see cref="ZipInferenceBenchmark"/>).
/// </summary>
public static class TrainStepBenchmark
{
    private const float Mean = 0.5f, Std = 0.5f;

    /// <summary>Runs one case.</summary>
    public static BenchmarkResult Run(BenchmarkCase c, int classes = 10)
    {
        int threads = TorchCompute.Prepare(c.Threads);
        torch.random.manual_seed(0);
        var classNames = BenchmarkSuite.ClassNames(classes);
        using var model = ModelRegistry.Create(c.Model, new ModelSpec(classes, c.ImageSize));
        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(c.ImageSize, [Mean, Mean, Mean], [Std, Std, Std], classNames));
        if (c.Bf16) Bf16Weights.Apply(model);
        if (c.ChannelsLast) MemoryLayout.ToChannelsLast(model);
        using var optimizer = new FusedAdam(model.parameters(), 1e-3);

        var trainTimes = new List<double>();
        double loss = 0;
        model.train();
        for (int step = 0; step < c.Warmup + c.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var x = Input(c);
            var y = randint(0, classes, [c.Batch]);
            var clock = Stopwatch.StartNew();
            optimizer.zero_grad();
            var logits = model.forward(x);
            var l = nn.functional.cross_entropy(c.Bf16 ? logits.to_type(ScalarType.Float32) : logits, y);
            l.backward();
            optimizer.step();
            loss = l.item<float>();
            if (step >= c.Warmup) trainTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        var evalTimes = new List<double>();
        model.eval();
        using (no_grad())
        {
            for (int step = 0; step < c.Warmup + c.Steps; step++)
            {
                using var scope = NewDisposeScope();
                var x = Input(c);
                var clock = Stopwatch.StartNew();
                _ = model.forward(x).argmax(1).sum().item<long>();
                if (step >= c.Warmup) evalTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var zip = ZipInferenceBenchmark.RunFastest(onnx, classNames, c with { Threads = threads });
        return new BenchmarkResult
        {
            Model = c.Model, ImageSize = c.ImageSize, Batch = c.Batch, Threads = threads,
            TrainImagesPerS = BenchmarkStatistics.Round(BenchmarkStatistics.ImagesPerSecond(c.Batch, trainTimes)),
            EvalImagesPerS = BenchmarkStatistics.Round(BenchmarkStatistics.ImagesPerSecond(c.Batch, evalTimes)),
            ZipEvalImagesPerS = BenchmarkStatistics.Round(zip.ImagesPerSecond),
            TrainStepMsMedian = BenchmarkStatistics.Round(BenchmarkStatistics.Median(trainTimes)),
            EvalStepMsMedian = BenchmarkStatistics.Round(BenchmarkStatistics.Median(evalTimes)),
            ZipEvalStepMsMedian = BenchmarkStatistics.Round(zip.StepMsMedian),
            ZipIntraOpThreads = zip.Threading.IntraOpThreads,
            ZipCursors = zip.Threading.Cursors,
            Steps = c.Steps, Warmup = c.Warmup, ChannelsLast = c.ChannelsLast, Bf16 = c.Bf16,
            Params = model.ParameterCount, FinalLoss = Math.Round(loss, 4),
        };
    }

    /// <summary>A fresh normalised random batch <c>[B, 3, S, S]</c> in the case's precision and memory order.</summary>
    public static Tensor Input(BenchmarkCase c)
    {
        using var scope = NewDisposeScope();
        var x = randint(0, 256, [c.Batch, 3, c.ImageSize, c.ImageSize], dtype: ScalarType.Byte)
            .to_type(ScalarType.Float32).div_(255f).sub_(Mean).div_(Std);
        if (c.Bf16) x = x.to_type(ScalarType.BFloat16);
        if (c.ChannelsLast) x = MemoryLayout.ChannelsLast(x);
        return x.MoveToOuterDisposeScope();
    }
}
