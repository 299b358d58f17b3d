using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace MlNetVision.Onnx;

/// <summary>
/// Builds an ONNX graph (default domain, opset <see cref="Opset"/>) node by node, with unique value names
/// and float initializers taken from TorchSharp tensors. Dimensions given as <c>-1</c> become the symbolic
/// batch dimension <c>N</c>.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The operator set version written.</summary>
    public const int Opset = 17;

    /// <summary>ONNX element type codes used here.</summary>
    internal static class ElementType
    {
        /// <summary>float32.</summary>
        public const int Float = 1;
        /// <summary>int64.</summary>
        public const int Int64 = 7;
        /// <summary>string.</summary>
        public const int String = 8;
    }

    private readonly GraphProto _graph = new() { Name = "mlnetvision" };
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Declares a graph input.</summary>
    public string Input(string name, int elementType, params long[] dims)
    {
        Claim(name);
        _graph.Input.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output.</summary>
    public void Output(string value, int elementType, params long[] dims) => _graph.Output.Add(ValueInfo(value, elementType, dims));

    /// <summary>Adds a float initializer holding <paramref name="tensor"/>'s values.</summary>
    public string Initializer(string nameHint, Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var values = cpu.data<float>().ToArray();
        return FloatConstant(nameHint, values, cpu.shape);
    }

    /// <summary>Adds a float initializer.</summary>
    public string FloatConstant(string nameHint, float[] values, params long[] dims)
    {
        var proto = new TensorProto { Name = Unique(nameHint), DataType = ElementType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        proto.Dims.AddRange(dims);
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a 1-D int64 initializer.</summary>
    public string Int64Constant(string nameHint, params long[] values)
    {
        var proto = new TensorProto { Name = Unique(nameHint), DataType = ElementType.Int64, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        proto.Dims.Add(values.Length);
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a 1-D string initializer.</summary>
    public string StringConstant(string nameHint, IReadOnlyList<string> values)
    {
        var proto = new TensorProto { Name = Unique(nameHint), DataType = ElementType.String };
        proto.Dims.Add(values.Count);
        proto.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a node with one output and returns that output's name.</summary>
    public string Node(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] Node(string opType, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Unique(opType) };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => Unique($"{opType}_out")).ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>Adds an Identity node whose output is named exactly <paramref name="name"/> (for graph outputs).</summary>
    public string Alias(string value, string name)
    {
        Claim(name);
        _graph.Node.Add(new NodeProto { OpType = "Identity", Name = Unique("Identity"), Input = { value }, Output = { name } });
        return name;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A string attribute.</summary>
    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>The serialised model.</summary>
    public byte[] ToBytes(string producerVersion)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "MlNetVision", ProducerVersion = producerVersion, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, int elementType, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }

    private string Unique(string hint)
    {
        var name = hint;
        for (int i = 1; !_names.Add(name); i++) name = $"{hint}_{i}";
        return name;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name)) throw new InvalidOperationException($"ONNX value name '{name}' is already used.");
    }
}
