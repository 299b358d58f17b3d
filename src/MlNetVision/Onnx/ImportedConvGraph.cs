using MlNetVision.Models.Imported;

namespace MlNetVision.Onnx;

/// <summary>What <see cref="OnnxConvGraphImporter"/> read from an ONNX model.</summary>
/// <param name="Graph">The operations, ready for <see cref="ImportedConvNet"/>.</param>
/// <param name="Weights">The initializers as <see cref="ImportedConvNet"/> state-dict entries (<c>&lt;op&gt;.weight</c>, ...).</param>
/// <param name="InputSize">Height and width the ONNX model declares for its input.</param>
/// <param name="Notes">How the import departs from a literal translation (such as a fixed-window average pool made global).</param>
internal sealed record ImportedConvGraph(ConvGraph Graph, IReadOnlyDictionary<string, TensorData> Weights, (long Height, long Width) InputSize, IReadOnlyList<string> Notes);
