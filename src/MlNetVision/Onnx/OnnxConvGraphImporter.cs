using System.Runtime.InteropServices;
using MlNetVision.Models.Imported;
using Onnx;

namespace MlNetVision.Onnx;

/// <summary>
/// Reads an ONNX convolutional network (graph and initializers) into a <see cref="ConvGraph"/> plus its
/// weights, for the ops a ResNet uses: Conv, BatchNormalization, Relu, Add, MaxPool, AveragePool,
/// GlobalAveragePool. Anything else, an <c>auto_pad</c> other than <c>NOTSET</c>, or a value read before it is
/// computed is an error naming the node. An AveragePool whose window covers its whole input at the model's
/// declared input size (a CNTK export's final 7×7 pool) becomes a global average, identical at that size
/// and usable at any other; pads that follow CNTK's SAME_LOWER rule at that size are recomputed by the rule
/// at other sizes (at 112 px the last stage's input is 7×7, where the written <c>[1, 1, 0, 0]</c> would give
/// a 3×3 main branch beside a 4×4 shortcut).
/// </summary>
internal static class OnnxConvGraphImporter
{
    private const int FloatType = 1;

    /// <summary>Parses and imports the ONNX file at <paramref name="path"/>.</summary>
    public static ImportedConvGraph Import(string path)
    {
        using var stream = File.OpenRead(path);
        return Import(ModelProto.Parser.ParseFrom(stream), Path.GetFileName(path));
    }

    /// <summary>Imports a parsed ONNX model; <paramref name="source"/> names it in messages.</summary>
    public static ImportedConvGraph Import(ModelProto model, string source)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, t => t, StringComparer.Ordinal);
        var input = graph.Input.Single(i => !initializers.ContainsKey(i.Name));
        var inputDims = input.Type.TensorType.Shape.Dim.Select(d => d.DimValue).ToArray();
        if (inputDims.Length != 4 || inputDims[2] <= 0 || inputDims[3] <= 0)
            throw new NotSupportedException($"{source}: the input {input.Name} must be [N, C, H, W] with known H and W.");
        var sizes = new Dictionary<string, (long H, long W)>(StringComparer.Ordinal) { [input.Name] = (inputDims[2], inputDims[3]) };
        var channels = new Dictionary<string, long>(StringComparer.Ordinal) { [input.Name] = inputDims[1] };
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ops = new List<ConvGraphOp>();
        var weights = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var notes = new List<string>();
        var inputSizes = new List<(long H, long W)>();

        foreach (var node in graph.Node)
        {
            var where = $"{source}: node {node.Name} ({node.OpType} → {string.Join(", ", node.Output)})";
            var data = node.Input.Where(i => !initializers.ContainsKey(i)).ToList();
            foreach (var value in data)
                if (!sizes.ContainsKey(value)) throw new NotSupportedException($"{where} reads {value} before it is computed.");
            if (node.Output.Count != 1) throw new NotSupportedException($"{where} has {node.Output.Count} outputs; one is supported.");
            if (Str(node, "auto_pad", "NOTSET") != "NOTSET") throw new NotSupportedException($"{where}: auto_pad is not supported.");
            var name = UniqueName(node.Output[0], names);
            var x = data[0];
            var (h, w) = sizes[x];
            long c = channels[x];
            ConvGraphOp op;
            switch (node.OpType)
            {
                case "Conv":
                {
                    var weight = Read(initializers[node.Input[1]], where);
                    var kernel = Ints(node, "kernel_shape", weight.Shape[2..]);
                    op = new ConvGraphOp(ConvGraphOpKind.Conv, name, [x], node.Output[0])
                    {
                        Kernel = kernel, Strides = Ints(node, "strides", [1, 1]), Pads = Ints(node, "pads", [0, 0, 0, 0]),
                        Dilations = Ints(node, "dilations", [1, 1]), Group = Int(node, "group", 1),
                        InChannels = weight.Shape[1] * Int(node, "group", 1), OutChannels = weight.Shape[0], HasBias = node.Input.Count > 2,
                    };
                    weights[$"{name}.weight"] = weight;
                    if (op.HasBias) weights[$"{name}.bias"] = Read(initializers[node.Input[2]], where);
                    (h, w) = op.OutputSize(h, w);
                    c = op.OutChannels;
                    break;
                }
                case "BatchNormalization":
                {
                    op = new ConvGraphOp(ConvGraphOpKind.BatchNorm, name, [x], node.Output[0]) { InChannels = c, Epsilon = Flt(node, "epsilon", 1e-5f) };
                    string[] parts = ["weight", "bias", "running_mean", "running_var"];
                    for (int i = 0; i < 4; i++) weights[$"{name}.{parts[i]}"] = Read(initializers[node.Input[i + 1]], where);
                    break;
                }
                case "Relu":
                    op = new ConvGraphOp(ConvGraphOpKind.Relu, name, [x], node.Output[0]);
                    break;
                case "Add":
                    if (data.Count != 2 || sizes[data[0]] != sizes[data[1]])
                        throw new NotSupportedException($"{where}: Add needs two computed values of the same size.");
                    op = new ConvGraphOp(ConvGraphOpKind.Add, name, [data[0], data[1]], node.Output[0]);
                    break;
                case "MaxPool":
                    if (Int(node, "ceil_mode", 0) != 0 || Int(node, "storage_order", 0) != 0)
                        throw new NotSupportedException($"{where}: only ceil_mode 0 and storage_order 0 are supported.");
                    op = new ConvGraphOp(ConvGraphOpKind.MaxPool, name, [x], node.Output[0])
                    {
                        Kernel = Ints(node, "kernel_shape", []), Strides = Ints(node, "strides", [1, 1]), Pads = Ints(node, "pads", [0, 0, 0, 0]),
                    };
                    (h, w) = op.OutputSize(h, w);
                    break;
                case "AveragePool":
                {
                    op = new ConvGraphOp(ConvGraphOpKind.AveragePool, name, [x], node.Output[0])
                    {
                        Kernel = Ints(node, "kernel_shape", []), Strides = Ints(node, "strides", [1, 1]), Pads = Ints(node, "pads", [0, 0, 0, 0]),
                        CountIncludePad = Int(node, "count_include_pad", 0) != 0,
                    };
                    if (op.Pads.All(p => p == 0) && op.Kernel[0] == h && op.Kernel[1] == w)
                    {
                        op = op with { Kind = ConvGraphOpKind.GlobalAveragePool };
                        notes.Add($"{node.OpType} {name} ({h}×{w} window over a {h}×{w} input) imported as a global average pool");
                    }
                    else if (op.HasAsymmetricPads)
                        throw new NotSupportedException($"{where}: AveragePool with asymmetric padding is not supported.");
                    (h, w) = op.OutputSize(h, w);
                    break;
                }
                case "GlobalAveragePool":
                    op = new ConvGraphOp(ConvGraphOpKind.GlobalAveragePool, name, [x], node.Output[0]);
                    (h, w) = (1, 1);
                    break;
                default:
                    throw new NotSupportedException($"{where}: operator {node.OpType} is not supported (Conv, BatchNormalization, Relu, Add, MaxPool, AveragePool, GlobalAveragePool are).");
            }
            ops.Add(op);
            inputSizes.Add(sizes[x]);
            sizes[node.Output[0]] = (h, w);
            channels[node.Output[0]] = c;
        }
        var output = graph.Output.Single().Name;
        if (!sizes.ContainsKey(output)) throw new NotSupportedException($"{source}: the output {output} is never computed.");
        ops = DetectSameLower(ops, inputSizes, notes);
        return new ImportedConvGraph(new ConvGraph(input.Name, output, ops, channels[output]), weights, (inputDims[2], inputDims[3]), notes);
    }

    /// <summary>Reads a float initializer (raw little-endian bytes or the float_data field).</summary>
    public static TensorData Read(TensorProto tensor, string where)
    {
        if (tensor.DataType != FloatType) throw new NotSupportedException($"{where}: initializer {tensor.Name} is not float32 (type {tensor.DataType}).");
        var values = tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : tensor.FloatData.ToArray();
        var shape = tensor.Dims.ToArray();
        if (values.Length != shape.Aggregate(1L, (a, b) => a * b))
            throw new InvalidDataException($"{where}: initializer {tensor.Name} has {values.Length} values for shape [{string.Join(", ", shape)}].");
        return new TensorData(shape, values);
    }

    /// <summary>
    /// When every padded operation's pads equal the SAME_LOWER rule at the declared input size (as a CNTK export's
    /// do), marks them so the padding is recomputed for other input sizes; otherwise keeps the pads as written.
    /// </summary>
    private static List<ConvGraphOp> DetectSameLower(List<ConvGraphOp> ops, List<(long H, long W)> inputSizes, List<string> notes)
    {
        bool Padded(ConvGraphOp op) => op.Kind is ConvGraphOpKind.Conv or ConvGraphOpKind.MaxPool;
        bool Matches(ConvGraphOp op, (long H, long W) size) =>
            (op with { SameLowerPadding = true }).PadsFor(size.H, size.W).SequenceEqual(op.Pads);
        if (!ops.Where(Padded).Any() || !ops.Select((op, i) => !Padded(op) || Matches(op, inputSizes[i])).All(ok => ok)) return ops;
        notes.Add("every Conv and MaxPool pads as SAME_LOWER at the declared input size: padding recomputed by that rule at other sizes");
        return ops.Select(op => Padded(op) ? op with { SameLowerPadding = true } : op).ToList();
    }

    private static string UniqueName(string output, HashSet<string> names)
    {
        var stem = output.EndsWith("_Output_0", StringComparison.Ordinal) ? output[..^"_Output_0".Length] : output;
        stem = new string(stem.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray());
        var name = stem;
        for (int i = 1; !names.Add(name); i++) name = $"{stem}_{i}";
        return name;
    }

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    private static long[] Ints(NodeProto node, string name, long[] fallback) => Attribute(node, name)?.Ints.ToArray() ?? fallback;

    private static long Int(NodeProto node, string name, long fallback) => Attribute(node, name)?.I ?? fallback;

    private static float Flt(NodeProto node, string name, float fallback) => Attribute(node, name)?.F ?? fallback;

    private static string Str(NodeProto node, string name, string fallback) => Attribute(node, name)?.S.ToStringUtf8() ?? fallback;
}
