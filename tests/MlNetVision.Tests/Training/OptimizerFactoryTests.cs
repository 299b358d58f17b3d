using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

public class OptimizerFactoryTests
{
    private static readonly TorchImageClassifierOptions Sgd = new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.5, WeightDecay = 1e-3, BatchNormBiasLearningRateScale = 64, Momentum = 0.85,
    };

    [Fact]
    public void Create_BatchNormBiasScale_GroupsBiasesWithScaledRateAndDecay()
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FastCnn(new ModelSpec(10, 32), new FastCnnShape());

        using var optimizer = OptimizerFactory.Create(model, Sgd);

        var groups = optimizer.ParamGroups.ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(6, ((TorchSharp.Modules.SGD.ParamGroup)groups[0]).Parameters.Count());                       // norm1.bias and norm2.bias of 3 groups
        Assert.Equal(0.5 * 64, groups[0].LearningRate, 12);
        Assert.Equal(0.5, groups[1].LearningRate, 12);
        int trainable = model.parameters().Count(p => p.requires_grad);
        Assert.Equal(trainable, groups.Sum(g => ((TorchSharp.Modules.SGD.ParamGroup)g).Parameters.Count()));      // frozen whitening and BatchNorm scales left out
    }

    [Fact]
    public void Create_Muon_GivesFiltersToMuonAndBiasesAndHeadToSgd()
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FastCnn(new ModelSpec(10, 32), new FastCnnShape());
        var options = Sgd with { Optimizer = OptimizerKind.Muon, MuonLearningRate = 0.24, MuonMomentum = 0.6 };

        using var optimizer = OptimizerFactory.Create(model, options);

        Assert.IsType<MlNetVision.Training.Optimizers.Muon>(optimizer);
        var groups = optimizer.ParamGroups.Cast<TorchSharp.Modules.SGD.ParamGroup>().ToList();
        Assert.Equal([6, 7, 1], groups.Select(g => g.Parameters.Count()));                                    // 6 conv filters; 6 BatchNorm biases + the whitening bias; the head
        Assert.All(groups[0].Parameters, p => Assert.Equal(4, p.dim()));
        Assert.Equal([0.24, 0.5 * 64, 0.5], groups.Select(g => g.LearningRate));
        Assert.Equal([0.6, 0.85, 0.85], groups.Select(g => g.Options.momentum!.Value));
        Assert.Equal([0, 1e-3 / 64, 1e-3], groups.Select(g => g.Options.weight_decay!.Value));
        Assert.Equal(model.parameters().Count(p => p.requires_grad), groups.Sum(g => g.Parameters.Count()));
    }

    [Fact]
    public void SetLearningRate_TwoGroups_KeepsTheirRatio()
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FastCnn(new ModelSpec(10, 32), new FastCnnShape());
        using var optimizer = OptimizerFactory.Create(model, Sgd);

        OptimizerFactory.SetLearningRate(optimizer, 0.1, Sgd.LearningRate);

        Assert.Equal(6.4, optimizer.ParamGroups.First().LearningRate, 12);
        Assert.Equal(0.1, optimizer.ParamGroups.Last().LearningRate, 12);
    }

    [Fact]
    public void Validate_BatchNormBiasScaleWithAdam_NamesTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => (Sgd with { Optimizer = OptimizerKind.Adam }).Validate());

        Assert.Contains("BatchNormBiasLearningRateScale", error.Message);
    }

    [Fact]
    public void Validate_Bfloat16WithMuon_NamesPrecisionAndTheOptimizer()
    {
        var error = Assert.Throws<ArgumentException>(() => (Sgd with { Optimizer = OptimizerKind.Muon, Precision = TrainingPrecision.Bfloat16 }).Validate());

        Assert.Contains("Precision Bfloat16", error.Message);
        Assert.Contains("Muon", error.Message);
    }
}
