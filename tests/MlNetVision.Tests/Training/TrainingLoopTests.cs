using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;
using TorchSharp;

namespace MlNetVision.Tests.Training;

public class TrainingLoopTests
{
    private static long LiveTensorsAfterTraining(int epochs, OptimizerKind optimizer = OptimizerKind.Adam)
    {
        TorchRuntime.EnsureLoaded();
        var options = Pipelines.QuickOptions() with { Epochs = epochs, BatchSize = 8, Optimizer = optimizer };
        var images = SyntheticImages.Create(32, seed: 3);
        torch.random.manual_seed(1);
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(3, 32));
        using var batches = new TensorBatches(images, 32, options.Mean, options.Std, torch.CPU);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        new TrainingLoop(options, Pipelines.QuickRuntime, TextWriter.Null).Run(model, batches, validation: batches);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Muon)]
    public void Run_MoreSteps_LeavesNoMoreLiveTensors(OptimizerKind optimizer)
    {
        long afterOneEpoch = LiveTensorsAfterTraining(1, optimizer);   // 4 steps
        long afterFourEpochs = LiveTensorsAfterTraining(4, optimizer); // 16 steps

        Assert.Equal(afterOneEpoch, afterFourEpochs);
    }

    [Fact]
    public void Run_NonFiniteLoss_StopsNamingEpochAndStep()
    {
        TorchRuntime.EnsureLoaded();
        var options = Pipelines.QuickOptions() with { Epochs = 1, BatchSize = 8, LearningRate = 1e30 };
        torch.random.manual_seed(1);
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(3, 32));
        using var batches = new TensorBatches(SyntheticImages.Create(64, seed: 3), 32, options.Mean, options.Std, torch.CPU);

        var error = Assert.Throws<MlNetVision.Infrastructure.MlNetVisionException>(() => new TrainingLoop(options, Pipelines.QuickRuntime, TextWriter.Null).Run(model, batches, null));

        Assert.Matches(@"at epoch 1, step \d+", error.Message);
    }

    [Fact]
    public void Run_DropLastBatchAndFinalEpochFraction_TakesThePlannedFullBatches()
    {
        TorchRuntime.EnsureLoaded();
        var options = Pipelines.QuickOptions() with { Epochs = 2, BatchSize = 8, DropLastBatch = true, FinalEpochFraction = 0.5 };
        torch.random.manual_seed(1);
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(3, 32));
        using var batches = new TensorBatches(SyntheticImages.Create(36, seed: 3), 32, options.Mean, options.Std, torch.CPU);
        var source = new RecordingSource(batches);

        new TrainingLoop(options, Pipelines.QuickRuntime, TextWriter.Null).Run(model, source, null);

        // 36 rows: 4 full batches per epoch (4 rows left over), then half of the second epoch.
        Assert.Equal([8, 8, 8, 8, 8, 8], source.BatchRows.Select(rows => rows.Length));
        Assert.Equal(32, source.BatchRows.Take(4).SelectMany(rows => rows).Distinct().Count());
    }

    private sealed class RecordingSource(IBatchSource inner) : IBatchSource
    {
        public List<long[]> BatchRows { get; } = [];

        public int Count => inner.Count;

        public torch.Device Device => inner.Device;

        public (torch.Tensor Inputs, torch.Tensor Labels) Batch(torch.Tensor indices, MlNetVision.Training.Augmentation.AugmentationPipeline augmentation, long seed, long step, int epoch)
        {
            BatchRows.Add(indices.data<long>().ToArray());
            return inner.Batch(indices, augmentation, seed, step, epoch);
        }

        public (torch.Tensor Inputs, torch.Tensor Labels) Range(int start, int count) => inner.Range(start, count);
    }
}
