using System.Diagnostics;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Benchmarks;

/// <summary>One benchmark case: a model at an input size and batch size.</summary>
/// <param name="Model">Registered model name.</param>
/// <param name="ImageSize">Input side in pixels.</param>
/// <param name="Batch">Images per step.</param>
/// <param name="Steps">Timed steps (after <paramref name="Warmup"/> untimed ones).</param>
/// <param name="Warmup">Untimed steps first.</param>
/// <param name="Threads">libtorch threads (0 = one per core).</param>
public sealed record BenchmarkCase(string Model, int ImageSize, int Batch = 64, int Steps = 5, int Warmup = 1, int Threads = 0);

/// <summary>Measured speed of one case; field names follow the PyTorch peer's JSON.</summary>
/// <param name="model">Model name.</param>
/// <param name="image_size">Input side.</param>
/// <param name="batch">Batch size.</param>
/// <param name="threads">libtorch threads.</param>
/// <param name="train_images_per_s">Training images per second (forward, cross-entropy, backward, Adam step).</param>
/// <param name="eval_images_per_s">Inference images per second (eval mode, no grad) through TorchSharp.</param>
/// <param name="train_step_ms_median">Median training step.</param>
/// <param name="eval_step_ms_median">Median inference step.</param>
/// <param name="steps">Timed steps.</param>
/// <param name="warmup">Untimed steps.</param>
/// <param name="params">Trainable parameters.</param>
/// <param name="final_loss">Loss of the last step (random labels: about ln(classes)).</param>
public sealed record BenchmarkResult(string model, int image_size, int batch, int threads, double train_images_per_s, double eval_images_per_s,
    double train_step_ms_median, double eval_step_ms_median, int steps, int warmup, long @params, double final_loss)
{
    /// <summary>Who measured: <c>mlnetvision</c>.</summary>
    public string peer => "mlnetvision";

    /// <summary>Zip (ONNX Runtime) inference images per second, when measured.</summary>
    public double? zip_eval_images_per_s { get; init; }
}

/// <summary>
/// Times training steps and inference of a registered model on random batches (fresh per step, made
/// outside the timed region, random labels), like the PyTorch peer's <c>throughput</c> mode.
/// </summary>
public static class TrainStepBenchmark
{
    /// <summary>Runs one case.</summary>
    public static BenchmarkResult Run(BenchmarkCase c, int classes = 10)
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(c.Threads > 0 ? c.Threads : Environment.ProcessorCount);
        torch.random.manual_seed(0);
        using var model = ModelRegistry.Create(c.Model, new ModelSpec(classes, c.ImageSize));
        using var optimizer = torch.optim.Adam(model.parameters(), 1e-3);
        var trainTimes = new List<double>();
        double loss = 0;
        model.train();
        for (int step = 0; step < c.Warmup + c.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn(c.Batch, 3, c.ImageSize, c.ImageSize);
            var y = randint(0, classes, [c.Batch]);
            var clock = Stopwatch.StartNew();
            optimizer.zero_grad();
            var l = nn.functional.cross_entropy(model.forward(x), y);
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
                var x = randn(c.Batch, 3, c.ImageSize, c.ImageSize);
                var clock = Stopwatch.StartNew();
                _ = model.forward(x).sum().item<float>();
                if (step >= c.Warmup) evalTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return new BenchmarkResult(c.Model, c.ImageSize, c.Batch, torch.get_num_threads(),
            c.Batch * trainTimes.Count / (trainTimes.Sum() / 1000), c.Batch * evalTimes.Count / (evalTimes.Sum() / 1000),
            Median(trainTimes), Median(evalTimes), c.Steps, c.Warmup, model.ParameterCount, loss);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
