using System.Numerics;
using MlNetVision.Native;

namespace MlNetVision.Training.Optimizers;

/// <summary>
/// Adam updates of float32 parameters in a single pass over memory: each element of a parameter, its
/// gradient and its two moments is read once and written once (the parameter and the moments). libtorch's
/// per-tensor Adam (TorchSharp's and PyTorch's <c>_single_tensor_adam</c>) makes eight passes and two temporary
/// tensors per parameter; for ResNet-18's 11.2 M parameters that is about 0.9 GB of memory traffic a step, and the
/// update is memory-bound. Same arithmetic in the same order as TorchSharp's <c>Adam</c>/<c>AdamW</c> and libtorch's
/// element kernels (<c>addcmul</c>: (value·g)·g; <c>addcdiv</c>: p + (value·m)/d), in float32; libtorch fuses some
/// multiply-adds, so results agree to float32 rounding, not bit for bit.
/// </summary>
internal static unsafe class AdamKernel
{
    /// <summary>Elements per work item: 4 arrays of 128 KiB, which fit in the L2 cache together.</summary>
    public const int ChunkElements = 1 << 15;

    /// <summary>One parameter's tensors (same length, same layout) and the coefficients of its update.</summary>
    internal readonly struct Slot(float* parameter, float* gradient, float* expAvg, float* expAvgSq, long length, AdamCoefficients coefficients)
    {
        public float* Parameter { get; } = parameter;
        public float* Gradient { get; } = gradient;
        public float* ExpAvg { get; } = expAvg;
        public float* ExpAvgSq { get; } = expAvgSq;
        public long Length { get; } = length;
        public AdamCoefficients Coefficients { get; } = coefficients;
    }

    /// <summary>
    /// Updates every slot, split into chunks over <paramref name="threads"/> threads (the caller and thread-pool
    /// workers). The workers flush denormals as libtorch's threads do (<see cref="FlushDenormal"/>) and keep that
    /// setting afterwards.
    /// </summary>
    public static void Run(IReadOnlyList<Slot> slots, int threads)
    {
        var chunks = new List<(int Slot, long Start, long Length)>();
        for (int s = 0; s < slots.Count; s++)
            for (long start = 0; start < slots[s].Length; start += ChunkElements)
                chunks.Add((s, start, Math.Min(ChunkElements, slots[s].Length - start)));
        if (threads <= 1 || chunks.Count == 1)
        {
            foreach (var (s, start, length) in chunks) Update(slots[s], start, length);
            return;
        }
        Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => FlushDenormal.Enable(),
            (i, _, flushing) => { var (s, start, length) = chunks[i]; Update(slots[s], start, length); return flushing; },
            _ => { });
    }

    /// <summary>The update of elements [start, start + length) of one slot.</summary>
    public static void Update(in Slot slot, long start, long length)
    {
        var c = slot.Coefficients;
        float* p = slot.Parameter + start, g = slot.Gradient + start, m = slot.ExpAvg + start, v = slot.ExpAvgSq + start;
        long i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var beta1 = new Vector<float>(c.Beta1);
            var oneMinusBeta1 = new Vector<float>(c.OneMinusBeta1);
            var beta2 = new Vector<float>(c.Beta2);
            var oneMinusBeta2 = new Vector<float>(c.OneMinusBeta2);
            var sqrtBias2 = new Vector<float>(c.SqrtBiasCorrection2);
            var epsilon = new Vector<float>(c.Epsilon);
            var negativeStepSize = new Vector<float>(-c.StepSize);
            var l2 = new Vector<float>(c.L2);
            var decay = new Vector<float>(c.Decay);
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var param = *(Vector<float>*)(p + i);
                var grad = *(Vector<float>*)(g + i) + param * l2;
                param *= decay;
                var mean = *(Vector<float>*)(m + i) * beta1 + grad * oneMinusBeta1;
                var square = *(Vector<float>*)(v + i) * beta2 + oneMinusBeta2 * grad * grad;
                *(Vector<float>*)(m + i) = mean;
                *(Vector<float>*)(v + i) = square;
                *(Vector<float>*)(p + i) = param + negativeStepSize * mean / (Vector.SquareRoot(square) / sqrtBias2 + epsilon);
            }
        }
        for (; i < length; i++)
        {
            float grad = g[i] + p[i] * c.L2;
            float param = p[i] * c.Decay;
            m[i] = m[i] * c.Beta1 + grad * c.OneMinusBeta1;
            v[i] = v[i] * c.Beta2 + c.OneMinusBeta2 * grad * grad;
            p[i] = param + -c.StepSize * m[i] / (MathF.Sqrt(v[i]) / c.SqrtBiasCorrection2 + c.Epsilon);
        }
    }
}
