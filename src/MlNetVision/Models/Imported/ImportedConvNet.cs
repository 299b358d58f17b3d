using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Imported;

/// <summary>
/// A trainable TorchSharp network that executes a <see cref="ConvGraph"/>: one <c>Conv2d</c> or
/// <c>BatchNorm2d</c> submodule per parametrised operation, named after the operation (so its state dict
/// reads <c>&lt;op&gt;.weight</c>, <c>&lt;op&gt;.running_mean</c>, ...), and the parameter-free operations
/// applied in graph order. Padding is resolved per call (<see cref="ConvGraphOp.PadsFor"/>); asymmetric padding
/// (as exported by CNTK: <c>[1, 1, 0, 0]</c> on stride-2 layers) is applied explicitly before the layer:
/// zeros for convolutions, −∞ for max pooling.
/// </summary>
internal sealed class ImportedConvNet : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, nn.Module<Tensor, Tensor>> _layers = new(StringComparer.Ordinal);

    /// <summary>Builds the modules of <paramref name="graph"/> (PyTorch's default initialisation).</summary>
    public ImportedConvNet(ConvGraph graph) : base(nameof(ImportedConvNet))
    {
        Graph = graph;
        foreach (var op in graph.Ops)
        {
            nn.Module<Tensor, Tensor>? layer = op.Kind switch
            {
                ConvGraphOpKind.Conv => Conv2d(op.InChannels, op.OutChannels, (op.Kernel[0], op.Kernel[1]), (op.Strides[0], op.Strides[1]),
                    (0, 0), (op.Dilations[0], op.Dilations[1]), groups: op.Group, bias: op.HasBias),
                ConvGraphOpKind.BatchNorm => BatchNorm2d(op.InChannels, eps: op.Epsilon),
                _ => null,
            };
            if (layer is null) continue;
            _layers.Add(op.Name, layer);
            register_module(op.Name, layer);
        }
    }

    /// <summary>The graph it executes.</summary>
    public ConvGraph Graph { get; }

    /// <summary>The Conv2d or BatchNorm2d module of operation <paramref name="name"/>.</summary>
    public nn.Module<Tensor, Tensor> Layer(string name) => _layers[name];

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [Graph.Input] = input };
        foreach (var op in Graph.Ops)
        {
            var x = values[op.Inputs[0]];
            var pads = op.PadsFor(x.shape[2], x.shape[3]);
            bool symmetric = pads[0] == pads[2] && pads[1] == pads[3];
            values[op.Output] = op.Kind switch
            {
                ConvGraphOpKind.Conv => Convolve((Conv2d)_layers[op.Name], symmetric ? x : Pad(x, pads, 0), op, symmetric ? [pads[0], pads[1]] : [0, 0]),
                ConvGraphOpKind.BatchNorm => _layers[op.Name].forward(x),
                ConvGraphOpKind.Relu => functional.relu(x),
                ConvGraphOpKind.Add => x + values[op.Inputs[1]],
                ConvGraphOpKind.MaxPool => symmetric
                    ? functional.max_pool2d(x, op.Kernel, op.Strides, [pads[0], pads[1]])
                    : functional.max_pool2d(Pad(x, pads, double.NegativeInfinity), op.Kernel, op.Strides),
                ConvGraphOpKind.AveragePool => functional.avg_pool2d(x, op.Kernel, op.Strides, [pads[0], pads[1]], count_include_pad: op.CountIncludePad),
                ConvGraphOpKind.GlobalAveragePool => functional.adaptive_avg_pool2d(x, [1, 1]),
                _ => throw new NotSupportedException($"Operation {op.Kind} ({op.Name}) is not supported."),
            };
        }
        return values[Graph.Output].MoveToOuterDisposeScope();
    }

    private static Tensor Convolve(Conv2d conv, Tensor x, ConvGraphOp op, long[] padding) =>
        functional.conv2d(x, conv.weight!, conv.bias, op.Strides, padding, op.Dilations, op.Group);

    /// <summary>Pads (left, right, top, bottom) as ONNX pads (top, left, bottom, right) say.</summary>
    private static Tensor Pad(Tensor x, long[] pads, double value) =>
        functional.pad(x, [pads[1], pads[3], pads[0], pads[2]], PaddingModes.Constant, value);
}
