namespace MlNetVision.Models.Imported;

/// <summary>
/// A feed-forward convolutional network as a list of operations in execution order (a topologically sorted
/// graph), read from another framework's model file; <see cref="ImportedConvNet"/> runs and trains it.
/// </summary>
/// <param name="Input">Name of the input value (<c>[N, 3, H, W]</c>).</param>
/// <param name="Output">Name of the output value.</param>
/// <param name="Ops">The operations, in an order where every input is computed before it is read.</param>
/// <param name="OutputChannels">Channels of the output value.</param>
public sealed record ConvGraph(string Input, string Output, IReadOnlyList<ConvGraphOp> Ops, long OutputChannels);
