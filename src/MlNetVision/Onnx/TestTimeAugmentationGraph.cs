using MlNetVision.Models;
using MlNetVision.Training;
using static MlNetVision.Onnx.OnnxGraphBuilder;

namespace MlNetVision.Onnx;

/// <summary>
/// The ONNX form of <see cref="TestTimeAugmentation"/>: the views are concatenated along the batch axis, the
/// network runs once on <c>[V·N, 3, S, S]</c>, and the logits <c>[V, N, C]</c> are summed with the views' weights.
/// </summary>
internal static class TestTimeAugmentationGraph
{
    /// <summary>Emits the views of <paramref name="image"/> (<c>[N, 3, S, S]</c>), the network (<paramref name="network"/>)
    /// on them, and the weighted sum; returns the logits' name.</summary>
    public static string Emit(OnnxGraphBuilder graph, TestTimeAugmentationKind kind, string image, int side, int classes, Func<string, string> network)
    {
        if (kind == TestTimeAugmentationKind.None) return network(image);
        var views = new List<string> { image, Mirror(graph, image) };
        if (kind == TestTimeAugmentationKind.FlipTranslate)
        {
            var padded = graph.Node("Pad", [image, graph.Int64Constant("tta_pads", 0, 0, 1, 1, 0, 0, 1, 1)], OnnxGraphBuilder.String("mode", "reflect"));
            foreach (int offset in new[] { 0, 2 })
            {
                var shifted = graph.Node("Slice", [padded, graph.Int64Constant("tta_start", offset, offset),
                    graph.Int64Constant("tta_end", offset + side, offset + side), graph.Int64Constant("tta_axes", 2, 3)]);
                views.Add(shifted);
                views.Add(Mirror(graph, shifted));
            }
        }
        var logits = network(graph.Node("Concat", views, Int("axis", 0)));
        var perView = graph.Node("Reshape", [logits, graph.Int64Constant("tta_shape", views.Count, -1, classes)]);
        var weights = TestTimeAugmentation.Weights(kind).Select(w => (float)w).ToArray();
        var weighted = graph.Node("Mul", [perView, graph.FloatConstant("tta_weights", weights, weights.Length, 1, 1)]);
        return graph.Node("ReduceSum", [weighted, graph.Int64Constant("tta_view_axis", 0)], Int("keepdims", 0));
    }

    private static string Mirror(OnnxGraphBuilder graph, string image) =>
        graph.Node("Slice", [image, graph.Int64Constant("mirror_start", -1), graph.Int64Constant("mirror_end", long.MinValue),
            graph.Int64Constant("mirror_axis", 3), graph.Int64Constant("mirror_step", -1)]);
}
