using TorchSharp;
using TorchSharp.Modules;

namespace MlNetVision.Training;

/// <summary>Creates the optimizer an options object names.</summary>
public static class OptimizerFactory
{
    /// <summary>Creates an optimizer over <paramref name="parameters"/>.</summary>
    public static torch.optim.Optimizer Create(IEnumerable<Parameter> parameters, TorchImageClassifierOptions options) => options.Optimizer switch
    {
        OptimizerKind.Adam => torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.AdamW => torch.optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => torch.optim.SGD(parameters, options.LearningRate, momentum: options.Momentum,
            weight_decay: options.WeightDecay, nesterov: true),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "unknown optimizer"),
    };

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
