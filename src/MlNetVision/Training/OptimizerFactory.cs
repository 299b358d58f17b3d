using MlNetVision.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;

namespace MlNetVision.Training;

/// <summary>
/// Creates the optimizer an options object names, over the model's trainable parameters (frozen ones are
/// left out). With <see cref="TorchImageClassifierOptions.BatchNormBiasLearningRateScale"/> ≠ 1 the
/// BatchNorm biases form their own group: rate × scale, weight decay ÷ scale. <see cref="OptimizerKind.Muon"/> splits
/// the parameters three ways: convolution filters to Muon, biases (1-D) to the scaled bias group, the rest (the linear
/// head, and any other matrix) to plain Nesterov SGD.
/// </summary>
internal static class OptimizerFactory
{
    /// <summary>Creates an optimizer for <paramref name="model"/>'s trainable parameters.</summary>
    public static torch.optim.Optimizer Create(torch.nn.Module model, TorchImageClassifierOptions options)
    {
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        if (options.Optimizer == OptimizerKind.Muon) return CreateMuon(model, trainable, options);
        if (options.BatchNormBiasLearningRateScale == 1) return Create(trainable, options);
        var biases = model.modules().OfType<BatchNorm2d>().Select(n => n.bias).OfType<Parameter>().Where(p => p.requires_grad).ToList();
        var biasHandles = biases.Select(b => b.Handle).ToHashSet();
        var others = trainable.Where(p => !biasHandles.Contains(p.Handle)).ToList();
        double scale = options.BatchNormBiasLearningRateScale;
        return torch.optim.SGD(
        [
            new SGD.ParamGroup(biases, lr: options.LearningRate * scale, momentum: options.Momentum, weight_decay: options.WeightDecay / scale, nesterov: true),
            new SGD.ParamGroup(others, lr: options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay, nesterov: true),
        ], options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay, nesterov: true);
    }

    private static Muon CreateMuon(torch.nn.Module model, List<Parameter> trainable, TorchImageClassifierOptions options)
    {
        var convWeights = model.modules().OfType<Conv2d>().Select(c => c.weight).OfType<Parameter>().Select(p => p.Handle).ToHashSet();
        var filters = trainable.Where(p => convWeights.Contains(p.Handle)).ToList();
        var biases = trainable.Where(p => p.dim() == 1).ToList();
        var taken = filters.Concat(biases).Select(p => p.Handle).ToHashSet();
        var others = trainable.Where(p => !taken.Contains(p.Handle)).ToList();
        double scale = options.BatchNormBiasLearningRateScale;
        SGD.ParamGroup Sgd(List<Parameter> parameters, double rateScale) => new(parameters, lr: options.LearningRate * rateScale,
            momentum: options.Momentum, weight_decay: options.WeightDecay / rateScale, nesterov: options.Momentum > 0);
        var orthogonalized = new SGD.ParamGroup(filters, lr: options.MuonLearningRate, momentum: options.MuonMomentum, nesterov: options.MuonMomentum > 0);
        return new Muon(orthogonalized, [Sgd(biases, scale), Sgd(others, 1)]);
    }

    /// <summary>Creates an optimizer over <paramref name="parameters"/> (one group).</summary>
    public static torch.optim.Optimizer Create(IEnumerable<Parameter> parameters, TorchImageClassifierOptions options) => options.Optimizer switch
    {
        OptimizerKind.Adam => new FusedAdam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.AdamW => new FusedAdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => torch.optim.SGD(parameters, options.LearningRate, momentum: options.Momentum,
            weight_decay: options.WeightDecay, nesterov: true),
        OptimizerKind.Muon => throw new ArgumentException("Muon needs the model to tell filters from biases and the head: call Create(model, options).", nameof(options)),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "unknown optimizer"),
    };

    /// <summary>
    /// Sets the scheduled rate: every group gets <paramref name="rate"/> times its own ratio to the base rate
    /// (<paramref name="baseRate"/>), so a group created at 64 × base stays at 64 × the schedule.
    /// </summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double rate, double baseRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate * group.InitialLearningRate / baseRate;
    }
}
