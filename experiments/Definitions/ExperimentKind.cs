namespace MlNetVision.Experiments.Definitions;

/// <summary>Which estimator an experiment's pipeline ends in.</summary>
public enum ExperimentKind
{
    /// <summary>The TorchSharp trainer (<c>TorchImageClassificationTrainer</c>) with the experiment's options.</summary>
    Torch,
    /// <summary>ML.NET's own transfer learning: DnnFeaturizeImage (ResNet-18) + LbfgsMaximumEntropy, at 224 px.</summary>
    MlNetFeaturizer,
}
