namespace MlNetVision.Models.Imported;

/// <summary>One operation of a <see cref="ConvGraph"/>.</summary>
/// <param name="Kind">What it computes.</param>
/// <param name="Name">Its name: the module name of its parameters (for Conv and BatchNorm).</param>
/// <param name="Inputs">Names of the values it reads.</param>
/// <param name="Output">Name of the value it writes.</param>
internal sealed record ConvGraphOp(ConvGraphOpKind Kind, string Name, IReadOnlyList<string> Inputs, string Output)
{
    /// <summary>Window size (Conv, MaxPool, AveragePool): height, width.</summary>
    public long[] Kernel { get; init; } = [1, 1];

    /// <summary>Strides: height, width.</summary>
    public long[] Strides { get; init; } = [1, 1];

    /// <summary>Padding as ONNX orders it: top, left, bottom, right.</summary>
    public long[] Pads { get; init; } = [0, 0, 0, 0];

    /// <summary>Dilations (Conv): height, width.</summary>
    public long[] Dilations { get; init; } = [1, 1];

    /// <summary>Convolution groups.</summary>
    public long Group { get; init; } = 1;

    /// <summary>Input channels (Conv) or channels (BatchNorm).</summary>
    public long InChannels { get; init; }

    /// <summary>Output channels (Conv).</summary>
    public long OutChannels { get; init; }

    /// <summary>Whether the convolution has a bias.</summary>
    public bool HasBias { get; init; }

    /// <summary>BatchNorm epsilon.</summary>
    public double Epsilon { get; init; } = 1e-5;

    /// <summary>AveragePool: whether padded cells count in the average.</summary>
    public bool CountIncludePad { get; init; }

    /// <summary>
    /// True when <see cref="Pads"/> follow the SAME_LOWER rule (output = ⌈input / stride⌉, any odd extra padding
    /// at the start, as CNTK pads) at the size the model was exported for; the padding is then recomputed by
    /// that rule for other input sizes (<see cref="PadsFor"/>), so residual branches keep matching shapes.
    /// </summary>
    public bool SameLowerPadding { get; init; }

    /// <summary>True when the padding differs between the two sides of an axis.</summary>
    public bool HasAsymmetricPads => Pads[0] != Pads[2] || Pads[1] != Pads[3];

    /// <summary>The padding (top, left, bottom, right) for an input of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public long[] PadsFor(long height, long width)
    {
        if (!SameLowerPadding) return Pads;
        var (top, bottom) = SameLower(height, 0);
        var (left, right) = SameLower(width, 1);
        return [top, left, bottom, right];
    }

    /// <summary>SAME_LOWER padding (start, end) of one axis for an input of <paramref name="size"/>.</summary>
    public (long Start, long End) SameLower(long size, int axis)
    {
        long output = (size + Strides[axis] - 1) / Strides[axis];
        long total = Math.Max((output - 1) * Strides[axis] + (Kernel[axis] - 1) * Dilations[axis] + 1 - size, 0);
        return (total - total / 2, total / 2);
    }

    /// <summary>The output's height and width for an input of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (long Height, long Width) OutputSize(long height, long width)
    {
        if (Kind == ConvGraphOpKind.GlobalAveragePool) return (1, 1);
        if (Kind is not (ConvGraphOpKind.Conv or ConvGraphOpKind.MaxPool or ConvGraphOpKind.AveragePool)) return (height, width);
        var pads = PadsFor(height, width);
        long Side(long size, int axis) => (size + pads[axis] + pads[axis + 2] - Dilations[axis] * (Kernel[axis] - 1) - 1) / Strides[axis] + 1;
        return (Side(height, 0), Side(width, 1));
    }
}
