using MlNetVision.Registry;
using System.Diagnostics;
using MlNetVision.Data;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Training;
using MlNetVision.Training.Augmentation;
using MlNetVision.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Times the parts of a training step as the trainer runs it (<see cref="TrainingLoop"/>): random 32-px CIFAR-sized
/// uint8 images held in a <see cref="TensorBatches"/>, a shuffled batch of rows per step made into normalised floats
/// at the model's size, forward, cross-entropy, backward, Adam, and the trainer's accuracy bookkeeping. libtorch runs
/// CPU operations synchronously, so a clock read between calls splits the step exactly.
/// </summary>
public static class StepProfiler
{
    /// <summary>The side of the stored images, CIFAR-10's.</summary>
    public const int SourceImageSize = 32;

    /// <summary>Profiles one case.</summary>
    public static StepProfile Run(BenchmarkCase c, int classes = 10)
    {
        int threads = TorchCompute.Prepare(c.Threads);
        torch.random.manual_seed(0);
        var options = new TorchImageClassifierOptions();
        using var model = ModelRegistry.Create(c.Model, new ModelSpec(classes, c.ImageSize));
        if (c.Bf16) Bf16Weights.Apply(model);
        if (c.ChannelsLast) MemoryLayout.ToChannelsLast(model);
        using var optimizer = new FusedAdam(model.parameters(), 1e-3);
        using var batches = new TensorBatches(RandomImages(c.Batch * 4, classes), c.ImageSize, options.Mean, options.Std, CPU);
        var augmentation = AugmentationPipeline.Parse(null);
        var order = new Random(0);

        string[] parts = ["step", "data", "forward", "loss", "backward", "optimizer", "other"];
        var times = parts.ToDictionary(p => p, _ => new List<double>());
        model.train();
        for (int step = 0; step < c.Warmup + c.Steps; step++)
        {
            var rows = Enumerable.Range(0, batches.Count).Select(i => (long)i).ToArray();
            order.Shuffle(rows);
            var part = new Dictionary<string, double>();
            var total = Stopwatch.StartNew();
            var clock = Stopwatch.StartNew();
            double Lap()
            {
                double ms = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                return ms;
            }
            using (var scope = NewDisposeScope())
            {
                var indices = tensor(rows.AsSpan(0, c.Batch).ToArray(), ScalarType.Int64);
                var (x, y) = batches.Batch(indices, augmentation, options.Seed, step, epoch: 1);
                if (c.Bf16) x = x.to_type(ScalarType.BFloat16);
                if (c.ChannelsLast) x = MemoryLayout.ChannelsLast(x);
                part["data"] = Lap();
                optimizer.zero_grad();
                part["optimizer"] = Lap();
                var logits = model.forward(x);
                part["forward"] = Lap();
                var loss = nn.functional.cross_entropy(c.Bf16 ? logits.to_type(ScalarType.Float32) : logits, y);
                _ = loss.item<float>();
                part["loss"] = Lap();
                loss.backward();
                part["backward"] = Lap();
                optimizer.step();
                part["optimizer"] += Lap();
                _ = logits.argmax(1).eq(y).sum().item<long>();
            }
            part["step"] = total.Elapsed.TotalMilliseconds;
            part["other"] = part["step"] - parts.Where(p => p is not ("step" or "other")).Sum(p => part[p]);
            if (step < c.Warmup) continue;
            foreach (var p in parts) times[p].Add(part[p]);
        }

        double Median(string p) => BenchmarkStatistics.Round(BenchmarkStatistics.Median(times[p]));
        return new StepProfile
        {
            Model = c.Model, ImageSize = c.ImageSize, Batch = c.Batch, Threads = threads, Steps = c.Steps, Warmup = c.Warmup,
            ChannelsLast = c.ChannelsLast, Bf16 = c.Bf16,
            StepMsMedian = Median("step"), DataMsMedian = Median("data"), ForwardMsMedian = Median("forward"), LossMsMedian = Median("loss"),
            BackwardMsMedian = Median("backward"), OptimizerMsMedian = Median("optimizer"), OtherMsMedian = Median("other"),
        };
    }

    private static ImageSet RandomImages(int count, int classes)
    {
        var random = new Random(0);
        var pixels = new byte[count * 3 * SourceImageSize * SourceImageSize];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        return new ImageSet("profile", pixels, labels, BenchmarkSuite.ClassNames(classes), SourceImageSize, SourceImageSize);
    }
}
