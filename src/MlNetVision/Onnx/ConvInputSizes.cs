using MlNetVision.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Onnx;

/// <summary>
/// The spatial size of the input each <see cref="Conv2d"/> of a model sees for a given image size, recorded by
/// forward pre-hooks during one eval-mode forward pass of a blank image. The exporter uses it to drop the
/// kernel taps that only ever meet padding (<see cref="OnnxModuleExporter"/>). Hooks fire when a module is run
/// through TorchSharp's <c>call</c> (as TorchVision's blocks run their convolutions), not through a direct
/// <c>forward</c>: a convolution run that way is absent, and keeps its whole kernel. One run at several sizes is
/// recorded as (0, 0).
/// </summary>
internal static class ConvInputSizes
{
    /// <summary>Runs <paramref name="model"/> (eval mode, no gradients) on one blank <paramref name="imageSize"/>-px image.</summary>
    public static IReadOnlyDictionary<Conv2d, (long Height, long Width)> Measure(ImageClassifier model, int imageSize)
    {
        var sizes = new Dictionary<Conv2d, (long Height, long Width)>(ReferenceEqualityComparer.Instance);
        var hooks = model.modules().OfType<Conv2d>()
            .Select(conv => conv.register_forward_pre_hook((module, input) =>
            {
                var size = (input.shape[^2], input.shape[^1]);
                sizes[(Conv2d)module] = sizes.TryGetValue((Conv2d)module, out var seen) && seen != size ? (0, 0) : size;
                return input;
            }))
            .ToList();
        bool wasTraining = model.training;
        try
        {
            model.eval();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.forward(zeros(1, 3, imageSize, imageSize));
        }
        finally
        {
            foreach (var hook in hooks) hook.remove();
            model.train(wasTraining);
        }
        return sizes;
    }
}
