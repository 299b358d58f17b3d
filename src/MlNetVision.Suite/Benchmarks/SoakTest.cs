using MlNetVision.Registry;
using System.Diagnostics;
using MlNetVision.Data;
using MlNetVision.Training;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>Resident memory of a long training run, sampled at two steps.</summary>
/// <param name="Steps">Steps trained.</param>
/// <param name="WarmStep">The step of the first sample.</param>
/// <param name="WarmResidentMb">Resident memory at <paramref name="WarmStep"/>.</param>
/// <param name="FinalResidentMb">Resident memory after the last step.</param>
/// <param name="LiveTensorsWarm">Live TorchSharp tensors at <paramref name="WarmStep"/>.</param>
/// <param name="LiveTensorsFinal">Live TorchSharp tensors after the last step.</param>
public sealed record SoakResult(long Steps, long WarmStep, double WarmResidentMb, double FinalResidentMb, long LiveTensorsWarm, long LiveTensorsFinal)
{
    /// <summary>Growth after warm-up.</summary>
    public double GrowthMb => FinalResidentMb - WarmResidentMb;
}

/// <summary>
/// Trains a model for many steps on random images through the real training loop and samples resident memory
/// and live tensors after warm-up and at the end: a leak shows as growth. Opt-in (the <c>soak</c> command),
/// not part of the test suite.
/// </summary>
public static class SoakTest
{
    /// <summary>Runs the soak.</summary>
    public static SoakResult Run(string model = "simple_cnn", long steps = 2000, long warmStep = 200, int batch = 64, int threads = 0)
    {
        var random = new Random(0);
        int images = batch * 50;
        var pixels = new byte[images * 3 * 32 * 32];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, images).Select(i => i % 10).ToArray();
        var set = new ImageSet("soak", pixels, labels, Cifar10Format.DefaultClassNames, 32, 32);
        var options = new TorchImageClassifierOptions
        {
            ModelName = model, BatchSize = batch, Epochs = (int)Math.Ceiling(steps / 50.0), Augmentation = "flip,crop:pad=4",
        };
        Native.TorchCompute.Prepare(threads);
        TorchSharp.torch.random.manual_seed(0);
        using var network = ModelRegistry.Create(model, new Models.ModelSpec(10, 32));
        using var batches = new TensorBatches(set, 32, options.Mean, options.Std, TorchSharp.torch.CPU);
        var loop = new TrainingLoop(options, new TrainingRuntime { ShowProgress = false, Threads = threads }, TextWriter.Null);
        double warmMb = 0;
        long warmTensors = 0;
        using var stop = new CancellationTokenSource();
        loop.StepCompleted += step =>
        {
            if (step == warmStep) { warmMb = ResidentMb(); warmTensors = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount; }
            if (step >= steps) stop.Cancel();
        };
        loop.Run(network, batches, null, stop.Token);
        return new SoakResult(steps, warmStep, warmMb, ResidentMb(), warmTensors, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    private static double ResidentMb()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64 / (1024.0 * 1024.0);
    }
}
