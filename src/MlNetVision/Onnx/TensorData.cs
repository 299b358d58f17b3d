namespace MlNetVision.Onnx;

/// <summary>A float tensor read from a model file: its shape and row-major values.</summary>
/// <param name="Shape">Dimensions.</param>
/// <param name="Values">Values, row-major.</param>
internal sealed record TensorData(long[] Shape, float[] Values);
