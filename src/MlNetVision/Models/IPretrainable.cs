using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// A model that can start from weights trained elsewhere: it names its classifier head (replaced, not loaded,
/// when a checkpoint was trained for another number of classes), says where its default weights are, and
/// may adapt a checkpoint to its own shapes before the strict load.
/// </summary>
internal interface IPretrainable
{
    /// <summary>State-dict key prefixes of the classifier head, such as <c>fc.</c>.</summary>
    IReadOnlyList<string> HeadPrefixes { get; }

    /// <summary>The default pretrained weights, or null when the model has none.</summary>
    PretrainedWeights? DefaultWeights { get; }

    /// <summary>
    /// Adapts <paramref name="stateDict"/> in place to this model's shapes (for example resampling position
    /// embeddings to another input size); returns one note per change. The default changes nothing.
    /// </summary>
    IReadOnlyList<string> AdaptCheckpoint(IDictionary<string, Tensor> stateDict) => [];
}
