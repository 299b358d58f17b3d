using MlNetVision.Models;
using MlNetVision.Models.Blocks;
using MlNetVision.Models.Imported;
using TorchSharp.Modules;
using static MlNetVision.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;
using TransformerEncoderLayer = MlNetVision.Models.Blocks.TransformerEncoderLayer;

namespace MlNetVision.Onnx;

/// <summary>
/// Writes the ONNX nodes for the layer types our models use, mirroring each module's <c>forward</c>:
/// Sequential, Conv2d, Linear, ReLU, GELU, MaxPool2d, Flatten, LayerNorm, BatchNorm2d (inference: running
/// statistics), AdaptiveAvgPool2d to 1×1, Dropout (identity at inference), TorchVision's residual BasicBlock,
/// our blocks (<see cref="MultiheadSelfAttention"/>, <see cref="PostNormBlock"/>, <see cref="PreNormBlock"/>,
/// <see cref="TimmAttention"/>, <see cref="TimmMlp"/>), imported graphs (<see cref="ImportedConvNet"/>, inside) and
/// models (<see cref="SimpleCnn"/>, <see cref="SimpleVit"/>, <see cref="EncoderVit"/>, <see cref="TorchVisionResNet18"/>,
/// <see cref="MlNetImageNetResNet18"/>, <see cref="TimmVisionTransformer"/>, <see cref="FastCnn"/> with its <see cref="ConvGroup"/>s). An unsupported module is an
/// error, never a silent gap. Given the input sizes of the convolutions (<see cref="ConvInputSizes"/>), a convolution
/// that sees a 1×1 input with "same" padding is written as a 1×1 convolution of its centre tap: every other tap
/// falls on padding, so the function is the same with a ninth of a 3×3 kernel's weights to read per image
/// (ResNet-18 at 32 px: three convolutions of its last stage, 6.3 M of its 11.2 M weights; ONNX Runtime does not drop them itself).
/// </summary>
internal sealed partial class OnnxModuleExporter(OnnxGraphBuilder graph, IReadOnlyDictionary<Conv2d, (long Height, long Width)>? convInputSizes = null)
{
    /// <summary>TorchVision's residual block type, which TorchVision keeps private: it is exported by its
    /// PyTorch-named children (conv1, bn1, conv2, bn2, optional downsample).</summary>
    private const string TorchVisionBasicBlock = "TorchSharp.Modules.ResNet+BasicBlock";

    /// <summary>Emits <paramref name="module"/> applied to value <paramref name="x"/>; returns the result's name.</summary>
    public string Emit(nn.Module module, string x, string prefix) => module switch
    {
        SimpleCnn cnn => Emit(cnn.Classifier, Emit(cnn.Features, x, $"{prefix}features"), $"{prefix}classifier"),
        UserDefinedClassifier user => Emit(user.Network, x, $"{prefix}network"),
        PatchTokens patches => EmitPatchTokens(patches, x, prefix),
        TransformerBlock block => EmitPreNormBlock(block.Block, x, $"{prefix}.block"),
        TokenMean => graph.Node("ReduceMean", [x], Ints("axes", 1), Int("keepdims", 0)),
        Residual residual => graph.Node("Add", [Emit(residual.Body, x, $"{prefix}.body"),
            residual.Shortcut is null ? x : Emit(residual.Shortcut, x, $"{prefix}.shortcut")]),
        SimpleVit vit => EmitVit(vit, x, prefix),
        EncoderVit vit => EmitEncoderVit(vit, x, prefix),
        TransformerEncoderLayer layer => EmitEncoderLayer(layer, x, prefix),
        TimmVisionTransformer vit => EmitTimmVit(vit, x, prefix),
        Cct cct => EmitCct(cct, x, prefix),
        PreNormBlock block => EmitPreNormBlock(block, x, prefix),
        TimmAttention attention => EmitTimmAttention(attention, x, prefix),
        TimmMlp mlp => EmitTimmMlp(mlp, x, prefix),
        TorchVisionResNet18 resnet => EmitLinear(resnet.Fc,
            resnet.Backbone.Aggregate(x, (value, stage) => Emit(stage.Module, value, $"{prefix}{stage.Name}")), $"{prefix}fc"),
        PostNormBlock block => EmitPostNormBlock(block, x, prefix),
        FastCnn cnn => graph.Node("Mul", [EmitChain(cnn, cnn.Layers, x, prefix), graph.FloatConstant("logit_scale", [(float)cnn.LogitScale])]),
        ConvGroup group => EmitChain(group, group.Layers, x, prefix),
        MultiheadSelfAttention attention => EmitAttention(attention, x, prefix),
        Sequential sequential => sequential.named_children().Aggregate(x, (value, child) => Emit(child.module, value, $"{prefix}.{child.name}")),
        Conv2d conv => EmitConv(conv, x, prefix),
        Linear linear => EmitLinear(linear, x, prefix),
        LayerNorm norm => EmitLayerNorm(norm, x, prefix),
        BatchNorm2d norm => EmitBatchNorm(norm, x, prefix),
        MlNetImageNetResNet18 imported => EmitMlNetResNet(imported, x, prefix),
        AdaptiveAvgPool2d pool when pool.output_size.All(side => side == 1) => graph.Node("GlobalAveragePool", [x]),
        ReLU => graph.Node("Relu", [x]),
        SiLU => graph.Node("Mul", [x, graph.Node("Sigmoid", [x])]),
        Sigmoid => graph.Node("Sigmoid", [x]),
        Tanh => graph.Node("Tanh", [x]),
        LeakyReLU leaky => graph.Node("LeakyRelu", [x], OnnxGraphBuilder.Float("alpha", (float)leaky.negative_slope)),
        Identity => x,
        AvgPool2d pool when pool.divisor_override is null && (pool.count_include_pad || (pool.padding ?? [0, 0]).All(p => p == 0)) => graph.Node("AveragePool", [x],
            Ints("kernel_shape", pool.kernel_size), Ints("strides", pool.stride ?? pool.kernel_size),
            Ints("pads", Pads(pool.padding ?? [0, 0])), Int("ceil_mode", pool.ceil_mode ? 1 : 0), Int("count_include_pad", 1)),
        GELU => EmitGelu(x),
        MaxPool2d pool => graph.Node("MaxPool", [x],
            Ints("kernel_shape", pool.kernel_size), Ints("strides", pool.stride ?? pool.kernel_size),
            Ints("pads", Pads(pool.padding ?? [0, 0])), Int("ceil_mode", pool.ceil_mode ? 1 : 0)),
        Flatten flatten when flatten.end_dim == -1 => graph.Node("Flatten", [x], Int("axis", flatten.start_dim)),
        Dropout or Dropout2d => x,
        _ when module.GetType().FullName == TorchVisionBasicBlock => EmitBasicBlock(module, x, prefix),
        _ => throw new NotSupportedException($"ONNX export does not support module {module.GetType().Name} ({prefix})."),
    };

    private string EmitConv(Conv2d conv, string x, string prefix)
    {
        if (SeesOnlyItsCentreTap(conv)) return EmitCentreTap(conv, x, prefix);
        var inputs = new List<string> { x, graph.Initializer($"{prefix}.weight", conv.weight!) };
        if (conv.bias is not null) inputs.Add(graph.Initializer($"{prefix}.bias", conv.bias));
        var kernel = conv.weight!.shape[2..];
        return graph.Node("Conv", inputs,
            Ints("kernel_shape", kernel), Ints("strides", conv.stride), Ints("pads", Pads(conv.padding ?? throw new NotSupportedException($"ONNX export needs explicit padding ({prefix})."))),
            Ints("dilations", conv.dilation), Int("group", conv.groups));
    }

    /// <summary>
    /// Whether <paramref name="conv"/> sees a 1×1 input with padding (k − 1) / 2 and no dilation: its one output pixel
    /// is then its centre tap times the input, whatever the stride.
    /// </summary>
    private bool SeesOnlyItsCentreTap(Conv2d conv)
    {
        if (convInputSizes is null || !convInputSizes.TryGetValue(conv, out var size) || size != (1, 1)) return false;
        var kernel = conv.weight!.shape[2..];
        var padding = conv.padding;
        return padding is not null && kernel.Length == 2 && kernel.All(k => k % 2 == 1) && (kernel[0] > 1 || kernel[1] > 1)
            && padding[0] == kernel[0] / 2 && padding[1] == kernel[1] / 2 && conv.dilation.All(d => d == 1);
    }

    private string EmitCentreTap(Conv2d conv, string x, string prefix)
    {
        long h = conv.weight!.shape[2] / 2, w = conv.weight.shape[3] / 2;
        using var centre = conv.weight.narrow(2, h, 1).narrow(3, w, 1).contiguous();
        var inputs = new List<string> { x, graph.Initializer($"{prefix}.weight", centre) };
        if (conv.bias is not null) inputs.Add(graph.Initializer($"{prefix}.bias", conv.bias));
        return graph.Node("Conv", inputs, Ints("kernel_shape", [1L, 1L]), Ints("strides", [1L, 1L]), Ints("pads", [0L, 0L, 0L, 0L]),
            Int("group", conv.groups));
    }

    /// <summary>BatchNorm in inference mode, with the running statistics.</summary>
    private string EmitBatchNorm(BatchNorm2d norm, string x, string prefix)
    {
        using var ones = ones_like(norm.running_mean!);
        using var zeros = zeros_like(norm.running_mean!);
        return graph.Node("BatchNormalization", [x,
                graph.Initializer($"{prefix}.weight", norm.weight ?? ones), graph.Initializer($"{prefix}.bias", norm.bias ?? zeros),
                graph.Initializer($"{prefix}.running_mean", norm.running_mean!), graph.Initializer($"{prefix}.running_var", norm.running_var!)],
            Float("epsilon", (float)norm.eps));
    }

    /// <summary>torchvision's BasicBlock: relu(bn2(conv2(relu(bn1(conv1(x))))) + downsample(x)).</summary>
    private string EmitBasicBlock(nn.Module block, string x, string prefix)
    {
        var children = block.named_children().ToDictionary(c => c.name, c => c.module);
        var h = graph.Node("Relu", [Emit(children["bn1"], Emit(children["conv1"], x, $"{prefix}.conv1"), $"{prefix}.bn1")]);
        h = Emit(children["bn2"], Emit(children["conv2"], h, $"{prefix}.conv2"), $"{prefix}.bn2");
        var identity = children.TryGetValue("downsample", out var downsample) && downsample.children().Any()
            ? Emit(downsample, x, $"{prefix}.downsample") : x;
        return graph.Node("Relu", [graph.Node("Add", [h, identity])]);
    }

    /// <summary>Channel reorder, scale and shift back to the imported network's input, the backbone, flatten, the head.</summary>
    private string EmitMlNetResNet(MlNetImageNetResNet18 model, string x, string prefix)
    {
        var reordered = model.Preprocessing.Bgr
            ? graph.Node("Gather", [x, graph.Int64Constant("channel_order", [.. model.ChannelOrder])], Int("axis", 1)) : x;
        var scaled = graph.Node("Mul", [reordered, graph.Initializer($"{prefix}input_scale", model.InputScale)]);
        var shifted = graph.Node("Add", [scaled, graph.Initializer($"{prefix}input_shift", model.InputShift)]);
        var pads = model.Backbone.Graph.PadsAt(model.Spec.ImageSize, model.Spec.ImageSize);
        var features = graph.Node("Flatten", [EmitImportedConvNet(model.Backbone, pads, shifted, $"{prefix}backbone")], Int("axis", 1));
        return EmitLinear(model.Fc, features, $"{prefix}fc");
    }

    /// <summary>The imported graph, op by op, with the current (possibly fine-tuned) weights and the padding resolved for the model's input size.</summary>
    private string EmitImportedConvNet(ImportedConvNet net, IReadOnlyDictionary<string, long[]> pads, string x, string prefix)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { [net.Graph.Input] = x };
        foreach (var op in net.Graph.Ops)
        {
            var input = values[op.Inputs[0]];
            var name = $"{prefix}.{op.Name}";
            values[op.Output] = op.Kind switch
            {
                ConvGraphOpKind.Conv => EmitImportedConv((Conv2d)net.Layer(op.Name), op, pads[op.Name], input, name),
                ConvGraphOpKind.BatchNorm => EmitBatchNorm((BatchNorm2d)net.Layer(op.Name), input, name),
                ConvGraphOpKind.Relu => graph.Node("Relu", [input]),
                ConvGraphOpKind.Add => graph.Node("Add", [input, values[op.Inputs[1]]]),
                ConvGraphOpKind.MaxPool => graph.Node("MaxPool", [input], Ints("kernel_shape", op.Kernel), Ints("strides", op.Strides), Ints("pads", pads[op.Name])),
                ConvGraphOpKind.AveragePool => graph.Node("AveragePool", [input], Ints("kernel_shape", op.Kernel), Ints("strides", op.Strides),
                    Ints("pads", pads[op.Name]), Int("count_include_pad", op.CountIncludePad ? 1 : 0)),
                ConvGraphOpKind.GlobalAveragePool => graph.Node("GlobalAveragePool", [input]),
                _ => throw new NotSupportedException($"ONNX export does not support imported operation {op.Kind} ({name})."),
            };
        }
        return values[net.Graph.Output];
    }

    private string EmitImportedConv(Conv2d conv, ConvGraphOp op, long[] pads, string x, string prefix)
    {
        var inputs = new List<string> { x, graph.Initializer($"{prefix}.weight", conv.weight!) };
        if (conv.bias is not null) inputs.Add(graph.Initializer($"{prefix}.bias", conv.bias));
        return graph.Node("Conv", inputs, Ints("kernel_shape", op.Kernel), Ints("strides", op.Strides), Ints("pads", pads),
            Ints("dilations", op.Dilations), Int("group", op.Group));
    }

    /// <summary>Patch convolution, maps to tokens <c>[N, T, D]</c>, plus the position embedding.</summary>
    private string EmitPatchTokens(PatchTokens patches, string x, string prefix)
    {
        var maps = EmitConv(patches.Projection, x, $"{prefix}.proj");
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [maps, graph.Int64Constant("tokens_shape", 0, patches.Dim, -1)])], Ints("perm", 0, 2, 1));
        return graph.Node("Add", [tokens, graph.Initializer($"{prefix}.pos_embed", patches.PositionEmbedding)]);
    }

    /// <summary>Emits <paramref name="layers"/> of <paramref name="parent"/> in order, each named by its path in the state dict
    /// (<c>block1.conv1</c>), so the weights can be read back by name.</summary>
    private string EmitChain(nn.Module parent, IEnumerable<nn.Module> layers, string x, string prefix)
    {
        var names = new Dictionary<nn.Module, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, child) in parent.named_children()) names[child] = name;
        return layers.Aggregate(x, (value, layer) => Emit(layer, value, prefix.Length == 0 ? names[layer] : $"{prefix}.{names[layer]}"));
    }

    private string EmitLinear(Linear linear, string x, string prefix) =>
        Affine(x, linear.weight!, linear.bias, prefix);

    private string Affine(string x, Tensor weight, Tensor? bias, string prefix)
    {
        var product = graph.Node("MatMul", [x, graph.Initializer($"{prefix}.weight_t", weight.t())]);
        return bias is null ? product : graph.Node("Add", [product, graph.Initializer($"{prefix}.bias", bias)]);
    }

    private static long[] Pads(long[] padding) => padding.Length == 1
        ? [padding[0], padding[0], padding[0], padding[0]]
        : [padding[0], padding[1], padding[0], padding[1]];
}
