using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace MlNetVision.Onnx;

/// <summary>
/// Reads a network's weights back from the ONNX graph <see cref="ClassifierOnnxExporter"/> wrote, by the exporter's
/// naming: each parameter and buffer of the state dict is the initializer of the same name (<c>features.0.weight</c>);
/// a <c>Linear</c> weight is stored transposed as <c>….weight_t</c>; a convolution written as its centre tap (a 1×1
/// input with "same" padding) comes back with its other taps zero — they only ever met padding, so the network computes
/// the same at that input size. Counters (<c>num_batches_tracked</c>) are not exported and keep the model's values.
/// </summary>
internal static class OnnxWeights
{
    /// <summary>The state dict of <paramref name="model"/> read from <paramref name="onnx"/>, and the names it could not find.</summary>
    public static (Dictionary<string, Tensor> StateDict, IReadOnlyList<string> Missing) Read(nn.Module model, byte[] onnx)
    {
        var initializers = ModelProto.Parser.ParseFrom(onnx).Graph.Initializer
            .Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (name, target) in model.state_dict())
        {
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            var shape = target.shape;
            if (initializers.TryGetValue(name, out var exact) && exact.Dims.SequenceEqual(shape))
                result[name] = FromProto(exact, shape);
            else if (name.EndsWith("_bias", StringComparison.Ordinal) && initializers.TryGetValue(name[..^5] + ".bias", out var affineBias) && affineBias.Dims.SequenceEqual(shape))
                result[name] = FromProto(affineBias, shape);   // attention's in_proj_bias, exported as an affine map
            else if (TransposedName(name) is { } t && initializers.TryGetValue(t, out var transposed) && shape.Length == 2 && transposed.Dims.SequenceEqual([shape[1], shape[0]]))
                result[name] = FromProto(transposed, [shape[1], shape[0]]).t().contiguous();
            else if (exact is not null && shape.Length == 4 && exact.Dims.SequenceEqual([shape[0], shape[1], 1, 1]))
            {
                var full = zeros(shape);
                full[.., .., shape[2] / 2, shape[3] / 2] = FromProto(exact, [shape[0], shape[1], 1, 1]).squeeze(-1).squeeze(-1);
                result[name] = full;
            }
            else missing.Add(name);
        }
        return (result, missing);
    }

    /// <summary>Where the exporter stores a matrix transposed: <c>x.weight</c> as <c>x.weight_t</c>, attention's
    /// <c>x.in_proj_weight</c> as <c>x.in_proj.weight_t</c>.</summary>
    private static string? TransposedName(string name) =>
        name.EndsWith(".weight", StringComparison.Ordinal) ? name + "_t"
        : name.EndsWith("_weight", StringComparison.Ordinal) ? name[..^7] + ".weight_t"
        : null;

    private static Tensor FromProto(TensorProto proto, long[] shape)
    {
        float[] values = proto.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray()
            : proto.FloatData.ToArray();
        return tensor(values, shape);
    }
}
