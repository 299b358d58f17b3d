using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// A model with layers initialised from the training data before training (such as a patch-whitening
/// convolution). The trainer calls <see cref="InitializeFromData"/> once, before the first step of a new run.
/// </summary>
internal interface IDataInitialized
{
    /// <summary>How many training images the initialisation wants.</summary>
    int InitializationImages { get; }

    /// <summary>Initialises from normalised training images <c>[N, 3, S, S]</c>.</summary>
    void InitializeFromData(Tensor images);
}
