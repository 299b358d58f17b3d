namespace MlNetVision.Suite.Benchmarks;

/// <summary>One benchmark case: a model at an input size and batch size, and how to run it.</summary>
/// <param name="Model">Registered model name.</param>
/// <param name="ImageSize">Input side in pixels.</param>
/// <param name="Batch">Images per step.</param>
/// <param name="Steps">Timed steps (after <paramref name="Warmup"/> untimed ones).</param>
/// <param name="Warmup">Untimed steps first.</param>
/// <param name="Threads">libtorch and ONNX Runtime intra-op threads (0 = one per physical core).</param>
/// <param name="ChannelsLast">Weights and inputs in channels-last (NHWC) memory order.</param>
/// <param name="Bf16">bfloat16 weights and inputs (BatchNorm stays float32, the loss is computed in float32).</param>
public sealed record BenchmarkCase(string Model, int ImageSize, int Batch = 64, int Steps = 5, int Warmup = 1, int Threads = 0,
    bool ChannelsLast = false, bool Bf16 = false);
