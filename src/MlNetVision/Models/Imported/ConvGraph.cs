namespace MlNetVision.Models.Imported;

/// <summary>
/// A feed-forward convolutional network as a list of operations in execution order (a topologically sorted
/// graph), read from another framework's model file; <see cref="ImportedConvNet"/> runs and trains it.
/// </summary>
/// <param name="Input">Name of the input value (<c>[N, 3, H, W]</c>).</param>
/// <param name="Output">Name of the output value.</param>
/// <param name="Ops">The operations, in an order where every input is computed before it is read.</param>
/// <param name="OutputChannels">Channels of the output value.</param>
internal sealed record ConvGraph(string Input, string Output, IReadOnlyList<ConvGraphOp> Ops, long OutputChannels)
{
    /// <summary>Every padded operation's padding (top, left, bottom, right) for an input of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public IReadOnlyDictionary<string, long[]> PadsAt(long height, long width)
    {
        var sizes = new Dictionary<string, (long H, long W)>(StringComparer.Ordinal) { [Input] = (height, width) };
        var pads = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var op in Ops)
        {
            var (h, w) = sizes[op.Inputs[0]];
            pads[op.Name] = op.PadsFor(h, w);
            sizes[op.Output] = op.OutputSize(h, w);
        }
        return pads;
    }
}
