using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// Which training rows a batch holds and when: the rows' indices in the training set (int64, <c>[B]</c>), the
/// 1-based epoch and the run's seed. Augmentations whose draw belongs to an image rather than to a step (airbench's
/// alternating flip) read it; the others ignore it.
/// </summary>
/// <param name="Indices">Row indices in the training set, in batch order.</param>
/// <param name="Epoch">The 1-based epoch the batch belongs to.</param>
/// <param name="Seed">The run's seed.</param>
internal sealed record BatchRows(Tensor Indices, int Epoch, long Seed);
