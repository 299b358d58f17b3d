using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// A model made of a backbone and a classifier head: <c>forward(x) = Head(ForwardFeatures(x))</c>. Lets a
/// trainer freeze the backbone, compute its features once and train only the head.
/// </summary>
internal interface IFeatureExtractor
{
    /// <summary>The backbone's output for a normalised batch <c>[N, 3, S, S]</c>: <c>[N, FeatureCount]</c>.</summary>
    Tensor ForwardFeatures(Tensor input);

    /// <summary>Width of the feature vector.</summary>
    int FeatureCount { get; }

    /// <summary>The classifier head, <c>[N, FeatureCount]</c> → <c>[N, classes]</c>.</summary>
    nn.Module<Tensor, Tensor> Head { get; }
}
