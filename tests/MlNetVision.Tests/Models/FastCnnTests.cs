using MlNetVision.Models;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models;

public class FastCnnTests
{
    [Fact]
    public void InitializeFromData_CorrelatedImages_WhitensTwoByTwoPatches()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(5);
        using var scope = NewDisposeScope();
        // the whitening uses the uncentred second moment of the patches (as airbench), so that is what becomes ~identity;
        // strongly correlated channels and neighbours: a smooth grey image plus a little colour noise
        var grey = nn.functional.avg_pool2d(rand(64, 1, 34, 34), 3, 1);
        var images = grey.expand(64, 3, 32, 32).add(rand(64, 3, 32, 32).mul(0.5));
        var model = new FastCnn(new ModelSpec(10, 32), new FastCnnShape());

        model.InitializeFromData(images);

        var whiten = (nn.Module<Tensor, Tensor>)model.named_modules().Single(m => m.name == "whiten").module;
        var whitened = whiten.forward(images);
        var first = whitened[.., ..12].permute(1, 0, 2, 3).reshape(12, -1);   // the eigen-directions (the rest are negatives)
        var covariance = first.matmul(first.T).div(first.shape[1]);
        var offDiagonal = covariance.sub(covariance.diag().diag()).abs().max().item<float>();
        var diagonal = covariance.diag();
        Assert.True(offDiagonal < 0.05f, $"largest off-diagonal covariance {offDiagonal}");
        Assert.True(diagonal.min().item<float>() > 0.8f && diagonal.max().item<float>() < 1.2f, $"variances {diagonal.min().item<float>()}..{diagonal.max().item<float>()}");
        Assert.Equal(whitened[.., ..12].neg().data<float>().ToArray(), whitened[.., 12..].data<float>().ToArray());   // the negatives, bias 0
    }

    [Fact]
    public void Constructor_WhiteningWeightsAndBatchNormScales_AreFrozen()
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FastCnn(new ModelSpec(10, 32), new FastCnnShape());

        var frozen = model.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).ToList();

        Assert.Contains("whiten.weight", frozen);
        Assert.Equal(6, frozen.Count(n => n.EndsWith("norm1.weight") || n.EndsWith("norm2.weight")));
        Assert.Equal(7, frozen.Count);
        Assert.DoesNotContain(model.named_parameters(), p => p.name.EndsWith(".bias") && !p.parameter.requires_grad);
    }

    [Fact]
    public void BeginEpoch_AfterWhiteningBiasEpochs_TrainingLeavesTheBiasAlone()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(2);
        var options = TestSupport.Pipelines.QuickOptions() with
        {
            Epochs = 3, BatchSize = 8, Optimizer = MlNetVision.Training.OptimizerKind.Sgd, Momentum = 0.9, WeightDecay = 5e-3, LearningRate = 0.05,
        };
        using var model = new FastCnn(new ModelSpec(3, 32), new FastCnnShape(Block1: 8, Block2: 8, Block3: 8, WhiteningBiasEpochs: 1));
        using var batches = new MlNetVision.Training.TensorBatches(TestSupport.SyntheticImages.Create(32, seed: 4), 32, options.Mean, options.Std, CPU);
        Tensor Bias() => model.named_parameters().Single(p => p.name == "whiten.bias").parameter;
        Tensor Head() => model.named_parameters().Single(p => p.name == "head.weight").parameter;
        var snapshots = new List<(float[] Bias, float[] Head)>();
        var loop = new MlNetVision.Training.TrainingLoop(options, TestSupport.Pipelines.QuickRuntime, TextWriter.Null);
        loop.StepCompleted += step => { if (step % 4 == 0) snapshots.Add((Bias().data<float>().ToArray(), Head().data<float>().ToArray())); };

        loop.Run(model, batches, validation: null);

        Assert.Equal(3, snapshots.Count);                                  // 4 steps per epoch
        Assert.Contains(snapshots[0].Bias, b => b != 0);                  // epoch 1: the bias trains (it starts at 0)
        Assert.Equal(snapshots[0].Bias, snapshots[1].Bias);               // epochs 2 and 3: no gradient, no momentum, no decay
        Assert.Equal(snapshots[0].Bias, snapshots[2].Bias);
        Assert.NotEqual(snapshots[1].Head, snapshots[2].Head);            // the rest still trains
        Assert.False(Bias().requires_grad);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(0, 50, true)]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, false)]
    public void WhiteningBiasTrains_ByEpoch_FollowsTheShape(int biasEpochs, int epoch, bool trains)
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FastCnn(new ModelSpec(10, 32), new FastCnnShape(Block1: 8, Block2: 8, Block3: 8, WhiteningBiasEpochs: biasEpochs));

        Assert.Equal(trains, model.WhiteningBiasTrains(epoch));
    }

    [Fact]
    public void Forward_Bfloat16Training_CloseToFp32AndEvalIsExactFp32()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.random.manual_seed(2);
        var fp32 = new FastCnn(new ModelSpec(10, 32), new FastCnnShape());
        var bf16 = new FastCnn(new ModelSpec(10, 32), new FastCnnShape(TrainingConvType: ScalarType.BFloat16));
        bf16.load_state_dict(fp32.state_dict());
        var x = randn(8, 3, 32, 32);

        fp32.eval();
        bf16.eval();
        Tensor evalFp32, evalBf16;
        using (no_grad())
        {
            evalFp32 = fp32.call(x);
            evalBf16 = bf16.call(x);
        }
        fp32.train();
        bf16.train();
        var trainFp32 = fp32.call(x);
        var trainBf16 = bf16.call(x);

        Assert.Equal(ScalarType.Float32, trainBf16.dtype);
        float difference = trainFp32.sub(trainBf16).abs().max().item<float>(), scale = trainFp32.abs().max().item<float>();
        Assert.True(difference > 0 && difference < 0.05f * scale, $"bf16 vs fp32 training logits: max difference {difference}, scale {scale}");
        Assert.Equal(evalFp32.data<float>().ToArray(), evalBf16.data<float>().ToArray());
    }
}
