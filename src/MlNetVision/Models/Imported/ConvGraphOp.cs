namespace MlNetVision.Models.Imported;

/// <summary>One operation of a <see cref="ConvGraph"/>.</summary>
/// <param name="Kind">What it computes.</param>
/// <param name="Name">Its name: the module name of its parameters (for Conv and BatchNorm).</param>
/// <param name="Inputs">Names of the values it reads.</param>
/// <param name="Output">Name of the value it writes.</param>
public sealed record ConvGraphOp(ConvGraphOpKind Kind, string Name, IReadOnlyList<string> Inputs, string Output)
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

    /// <summary>True when the padding differs between the two sides of an axis.</summary>
    public bool HasAsymmetricPads => Pads[0] != Pads[2] || Pads[1] != Pads[3];
}
