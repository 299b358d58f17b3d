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
internal sealed class OnnxModuleExporter(OnnxGraphBuilder graph, IReadOnlyDictionary<Conv2d, (long Height, long Width)>? convInputSizes = null)
{
    /// <summary>TorchVision's residual block type, which TorchVision keeps private: it is exported by its
    /// PyTorch-named children (conv1, bn1, conv2, bn2, optional downsample).</summary>
    private const string TorchVisionBasicBlock = "TorchSharp.Modules.ResNet+BasicBlock";

    /// <summary>Emits <paramref name="module"/> applied to value <paramref name="x"/>; returns the result's name.</summary>
    public string Emit(nn.Module module, string x, string prefix) => module switch
    {
        SimpleCnn cnn => Emit(cnn.Classifier, Emit(cnn.Features, x, $"{prefix}features"), $"{prefix}classifier"),
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
        FastCnn cnn => graph.Node("Mul", [EmitChain(cnn.Layers, x, prefix), graph.FloatConstant("logit_scale", [(float)cnn.LogitScale])]),
        ConvGroup group => EmitChain(group.Layers, x, prefix),
        MultiheadSelfAttention attention => EmitAttention(attention, x, prefix),
        Sequential sequential => sequential.named_children().Aggregate(x, (value, child) => Emit(child.module, value, $"{prefix}.{child.name}")),
        Conv2d conv => EmitConv(conv, x, prefix),
        Linear linear => EmitLinear(linear, x, prefix),
        LayerNorm norm => EmitLayerNorm(norm, x, prefix),
        BatchNorm2d norm => EmitBatchNorm(norm, x, prefix),
        MlNetImageNetResNet18 imported => EmitMlNetResNet(imported, x, prefix),
        AdaptiveAvgPool2d pool when pool.output_size.All(side => side == 1) => graph.Node("GlobalAveragePool", [x]),
        ReLU => graph.Node("Relu", [x]),
        GELU => EmitGelu(x),
        MaxPool2d pool => graph.Node("MaxPool", [x],
            Ints("kernel_shape", pool.kernel_size), Ints("strides", pool.stride ?? pool.kernel_size),
            Ints("pads", Pads(pool.padding ?? [0, 0])), Int("ceil_mode", pool.ceil_mode ? 1 : 0)),
        Flatten flatten when flatten.end_dim == -1 => graph.Node("Flatten", [x], Int("axis", flatten.start_dim)),
        Dropout => x,
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

    private string EmitChain(IEnumerable<nn.Module> layers, string x, string prefix) =>
        layers.Select((layer, i) => (layer, i)).Aggregate(x, (value, item) => Emit(item.layer, value, $"{prefix}.{item.i}"));

    private string EmitLinear(Linear linear, string x, string prefix) =>
        Affine(x, linear.weight!, linear.bias, prefix);

    private string Affine(string x, Tensor weight, Tensor? bias, string prefix)
    {
        var product = graph.Node("MatMul", [x, graph.Initializer($"{prefix}.weight_t", weight.t())]);
        return bias is null ? product : graph.Node("Add", [product, graph.Initializer($"{prefix}.bias", bias)]);
    }

    private string EmitLayerNorm(LayerNorm norm, string x, string prefix) =>
        graph.Node("LayerNormalization", [x, graph.Initializer($"{prefix}.weight", norm.weight!), graph.Initializer($"{prefix}.bias", norm.bias!)],
            Int("axis", -norm.normalized_shape.Length), Float("epsilon", (float)norm.eps));

    /// <summary>Exact GELU: <c>0.5·x·(1 + erf(x/√2))</c> (the Gelu op needs opset 20).</summary>
    private string EmitGelu(string x)
    {
        var scaled = graph.Node("Div", [x, graph.FloatConstant("sqrt2", [MathF.Sqrt(2f)])]);
        var erf = graph.Node("Erf", [scaled]);
        var onePlus = graph.Node("Add", [erf, graph.FloatConstant("one", [1f])]);
        var product = graph.Node("Mul", [x, onePlus]);
        return graph.Node("Mul", [product, graph.FloatConstant("half", [0.5f])]);
    }

    private string EmitAttention(MultiheadSelfAttention attention, string x, string prefix) =>
        EmitSelfAttention(Affine(x, attention.InProjWeight, attention.InProjBias, $"{prefix}.in_proj"), attention.Dim, attention.Heads,
            attention.OutProj, $"{prefix}.out_proj");

    private string EmitTimmAttention(TimmAttention attention, string x, string prefix) =>
        EmitSelfAttention(EmitLinear(attention.Qkv, x, $"{prefix}.qkv"), attention.Dim, attention.Heads, attention.Proj, $"{prefix}.proj");

    /// <summary>Scaled dot-product attention over a fused <c>[B, N, 3D]</c> q/k/v projection, then the output projection.</summary>
    private string EmitSelfAttention(string qkv, int dim, int heads, Linear outProj, string outPrefix)
    {
        int headDim = dim / heads;
        var split = graph.Node("Reshape", [qkv, graph.Int64Constant("qkv_shape", 0, 0, 3, heads, headDim)]);
        var perm = graph.Node("Transpose", [split], Ints("perm", 2, 0, 3, 1, 4));                 // [3, B, H, N, Dh]
        var parts = graph.Node("Split", [perm, graph.Int64Constant("split", 1, 1, 1)], 3, Int("axis", 0));
        var squeezeAxes = graph.Int64Constant("axis0", 0);
        var q = graph.Node("Squeeze", [parts[0], squeezeAxes]);
        var k = graph.Node("Squeeze", [parts[1], squeezeAxes]);
        var v = graph.Node("Squeeze", [parts[2], squeezeAxes]);
        var scores = graph.Node("MatMul", [q, graph.Node("Transpose", [k], Ints("perm", 0, 1, 3, 2))]);
        var scaled = graph.Node("Mul", [scores, graph.FloatConstant("scale", [1f / MathF.Sqrt(headDim)])]);
        var weights = graph.Node("Softmax", [scaled], Int("axis", -1));
        var attended = graph.Node("MatMul", [weights, v]);                                        // [B, H, N, Dh]
        var merged = graph.Node("Reshape", [graph.Node("Transpose", [attended], Ints("perm", 0, 2, 1, 3)),
            graph.Int64Constant("merge_shape", 0, 0, dim)]);
        return EmitLinear(outProj, merged, outPrefix);
    }

    private string EmitPreNormBlock(PreNormBlock block, string x, string prefix)
    {
        var h = graph.Node("Add", [x, EmitTimmAttention(block.Attention, EmitLayerNorm(block.Norm1, x, $"{prefix}.norm1"), $"{prefix}.attn")]);
        return graph.Node("Add", [h, EmitTimmMlp(block.Mlp, EmitLayerNorm(block.Norm2, h, $"{prefix}.norm2"), $"{prefix}.mlp")]);
    }

    private string EmitTimmMlp(TimmMlp mlp, string x, string prefix) =>
        EmitLinear(mlp.Fc2, EmitGelu(EmitLinear(mlp.Fc1, x, $"{prefix}.fc1")), $"{prefix}.fc2");

    /// <summary>Patch tokens, class token, position embeddings, blocks, final norm, head on the class token.</summary>
    private string EmitTimmVit(TimmVisionTransformer vit, string x, string prefix)
    {
        int dim = vit.Shape.Dim;
        var patches = EmitConv(vit.PatchEmbed.Proj, x, $"{prefix}patch_embed.proj");              // [B, D, h, w]
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [patches, graph.Int64Constant("tokens_shape", 0, dim, -1)])], Ints("perm", 0, 2, 1));
        var batch = graph.Node("Slice", [graph.Node("Shape", [x]), graph.Int64Constant("zero", 0), graph.Int64Constant("one", 1)]);
        var clsShape = graph.Node("Concat", [batch, graph.Int64Constant("cls_rest", 1, dim)], Int("axis", 0));
        var cls = graph.Node("Expand", [graph.Initializer($"{prefix}cls_token", vit.ClsToken), clsShape]);
        var h = graph.Node("Add", [graph.Node("Concat", [cls, tokens], Int("axis", 1)), graph.Initializer($"{prefix}pos_embed", vit.PosEmbed)]);
        var blocks = vit.Blocks;
        for (int i = 0; i < blocks.Count; i++) h = EmitPreNormBlock(blocks[i], h, $"{prefix}blocks.{i}");
        var normed = EmitLayerNorm(vit.Norm, h, $"{prefix}norm");
        var first = graph.Node("Gather", [normed, graph.Int64Constant("cls_index", 0)], Int("axis", 1));  // [B, 1, D]
        var pooled = graph.Node("Squeeze", [first, graph.Int64Constant("axis1", 1)]);
        return EmitLinear(vit.HeadLayer, pooled, $"{prefix}head");
    }

    /// <summary>Tokenizer, tokens + position embeddings, blocks, final norm, sequence pooling, head.</summary>
    private string EmitCct(Cct cct, string x, string prefix)
    {
        int dim = cct.Shape.Dim;
        var maps = Emit(cct.Tokenizer, x, $"{prefix}tokenizer");                                                        // [B, D, h, w]
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [maps, graph.Int64Constant("tokens_shape", 0, dim, -1)])], Ints("perm", 0, 2, 1));
        var h = graph.Node("Add", [tokens, graph.Initializer($"{prefix}positional_emb", cct.PositionalEmbedding)]);
        for (int i = 0; i < cct.Blocks.Count; i++) h = EmitPreNormBlock(cct.Blocks[i], h, $"{prefix}blocks.{i}");
        var normed = EmitLayerNorm(cct.Norm, h, $"{prefix}norm");
        var weights = graph.Node("Softmax", [EmitLinear(cct.AttentionPool, normed, $"{prefix}attention_pool")], Int("axis", 1));   // [B, T, 1]
        var pooled = graph.Node("MatMul", [graph.Node("Transpose", [weights], Ints("perm", 0, 2, 1)), normed]);          // [B, 1, D]
        return EmitLinear(cct.Head, graph.Node("Squeeze", [pooled, graph.Int64Constant("axis1", 1)]), $"{prefix}fc");
    }

    private string EmitPostNormBlock(PostNormBlock block, string x, string prefix)
    {
        var h = EmitLayerNorm(block.Norm1, graph.Node("Add", [x, EmitAttention(block.Attention, x, $"{prefix}.attn")]), $"{prefix}.norm1");
        return EmitLayerNorm(block.Norm2, graph.Node("Add", [h, Emit(block.Mlp, h, $"{prefix}.mlp")]), $"{prefix}.norm2");
    }

    private string EmitVit(SimpleVit vit, string x, string prefix)
    {
        var h = EmitTokens(vit.PatchEmbed, vit.ClsToken, vit.PosEmbed, x, prefix);
        var blocks = vit.Blocks;
        for (int i = 0; i < blocks.Count; i++) h = EmitPostNormBlock(blocks[i], h, $"{prefix}blocks.{i}");
        return EmitLinear(vit.Head, EmitLayerNorm(vit.Norm, ClsToken(h), $"{prefix}norm"), $"{prefix}head");
    }

    private string EmitEncoderVit(EncoderVit vit, string x, string prefix)
    {
        var h = EmitTokens(vit.PatchEmbed, vit.ClsToken, vit.PosEmbed, x, prefix);
        var layers = vit.Layers;
        for (int i = 0; i < layers.Count; i++) h = EmitEncoderLayer(layers[i], h, $"{prefix}encoder.{i}");
        var pooled = ClsToken(h);
        if (vit.Shape.NormFirst) pooled = EmitLayerNorm(vit.Norm, pooled, $"{prefix}norm");
        return EmitLinear(vit.Head, pooled, $"{prefix}head");
    }

    private string EmitEncoderLayer(TransformerEncoderLayer layer, string x, string prefix)
    {
        string FeedForward(string t)
        {
            var h = EmitLinear(layer.Linear1, t, $"{prefix}.linear1");
            h = layer.Gelu ? EmitGelu(h) : graph.Node("Relu", [h]);
            return EmitLinear(layer.Linear2, h, $"{prefix}.linear2");
        }
        if (layer.NormFirst)
        {
            var attended = graph.Node("Add", [x, EmitAttention(layer.SelfAttention, EmitLayerNorm(layer.Norm1, x, $"{prefix}.norm1"), $"{prefix}.self_attn")]);
            return graph.Node("Add", [attended, FeedForward(EmitLayerNorm(layer.Norm2, attended, $"{prefix}.norm2"))]);
        }
        var h1 = EmitLayerNorm(layer.Norm1, graph.Node("Add", [x, EmitAttention(layer.SelfAttention, x, $"{prefix}.self_attn")]), $"{prefix}.norm1");
        return EmitLayerNorm(layer.Norm2, graph.Node("Add", [h1, FeedForward(h1)]), $"{prefix}.norm2");
    }

    /// <summary>Patch embedding → tokens, the class token in front, positional embeddings added: <c>[B, 1 + h·w, D]</c>.</summary>
    private string EmitTokens(Conv2d patchEmbed, Tensor clsToken, Tensor posEmbed, string x, string prefix)
    {
        long dim = patchEmbed.weight!.shape[0];
        var patches = EmitConv(patchEmbed, x, $"{prefix}patch_embed");                                // [B, D, h, w]
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [patches, graph.Int64Constant("tokens_shape", 0, dim, -1)])], Ints("perm", 0, 2, 1));
        var batch = graph.Node("Slice", [graph.Node("Shape", [x]), graph.Int64Constant("zero", 0), graph.Int64Constant("one", 1)]);
        var clsShape = graph.Node("Concat", [batch, graph.Int64Constant("cls_rest", 1, dim)], Int("axis", 0));
        var cls = graph.Node("Expand", [graph.Initializer($"{prefix}cls_token", clsToken), clsShape]);
        return graph.Node("Add", [graph.Node("Concat", [cls, tokens], Int("axis", 1)), graph.Initializer($"{prefix}pos_embed", posEmbed)]);
    }

    /// <summary>The class token's row: <c>[B, D]</c>.</summary>
    private string ClsToken(string h) =>
        graph.Node("Squeeze", [graph.Node("Gather", [h, graph.Int64Constant("cls_index", 0)], Int("axis", 1)), graph.Int64Constant("axis1", 1)]);

    private static long[] Pads(long[] padding) => padding.Length == 1
        ? [padding[0], padding[0], padding[0], padding[0]]
        : [padding[0], padding[1], padding[0], padding[1]];
}
