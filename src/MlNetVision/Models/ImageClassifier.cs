using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// A TorchSharp image classifier: input <c>[N, 3, S, S]</c> normalised floats, output <c>[N, classes]</c>
/// logits. Pure TorchSharp: it knows nothing of ML.NET or ONNX.
/// </summary>
public abstract class ImageClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    protected ImageClassifier(string name, ModelSpec spec) : base(name) => Spec = spec;

    /// <summary>The classes and input size the model was built for.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());
}
