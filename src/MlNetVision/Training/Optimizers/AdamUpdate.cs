using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlNetVision.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Training.Optimizers;

/// <summary>
/// Runs one Adam step of an optimizer's parameter groups through <see cref="AdamKernel"/>, or declines (returns
/// false, nothing changed) when a parameter, gradient or moment is not a dense float32 CPU tensor laid out like
/// its parameter — bf16 weights, for example — so the caller falls back to TorchSharp's per-tensor step.
/// </summary>
internal static unsafe class AdamUpdate
{
    /// <summary>A parameter's moments in the optimizer's own state object, and a call that counts one more step and returns it.</summary>
    internal readonly record struct Moments(Tensor ExpAvg, Tensor ExpAvgSq, Func<long> NextStep);

    /// <summary>A parameter group's settings.</summary>
    internal readonly record struct Settings(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay);

    /// <summary>Updates every parameter that has a gradient; false (and no change) when one does not fit the kernel.</summary>
    public static bool TryRun(IEnumerable<ParamGroup> groups, Func<ParamGroup, Settings> settingsOf, Func<Parameter, Moments> momentsOf, bool decoupled)
    {
        using var scope = NewDisposeScope();
        var work = new List<(Tensor Parameter, Tensor Gradient, Moments Moments, Settings Settings)>();
        foreach (var group in groups)
        {
            var settings = settingsOf(group);
            foreach (var parameter in group.Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is null) continue;
                var moments = momentsOf(parameter);
                if (!Fits(parameter, gradient, moments.ExpAvg, moments.ExpAvgSq)) return false;
                work.Add((parameter, gradient, moments, settings));
            }
        }
        var slots = new List<AdamKernel.Slot>(work.Count);
        foreach (var (parameter, gradient, moments, s) in work)
        {
            var coefficients = AdamCoefficients.At(moments.NextStep(), s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, s.WeightDecay, decoupled);
            slots.Add(new AdamKernel.Slot(Floats(parameter), Floats(gradient), Floats(moments.ExpAvg), Floats(moments.ExpAvgSq), parameter.numel(), coefficients));
        }
        AdamKernel.Run(slots, get_num_threads());
        return true;
    }

    /// <summary>True when all four are float32 CPU tensors of one shape and one dense layout (contiguous or channels-last).</summary>
    public static bool Fits(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq)
    {
        Tensor[] all = [parameter, gradient, expAvg, expAvgSq];
        if (all.Any(t => t.dtype != ScalarType.Float32 || t.device_type != DeviceType.CPU)) return false;
        if (all.Any(t => !t.shape.SequenceEqual(parameter.shape) || !SameLayout(t, parameter))) return false;
        return parameter.is_contiguous() || (parameter.dim() == 4 && MemoryLayout.IsChannelsLast(parameter));
    }

    /// <summary>Equal strides in every dimension longer than 1 (a 1×1 kernel's strides can differ and not matter).</summary>
    private static bool SameLayout(Tensor a, Tensor b)
    {
        long[] strideA = a.stride(), strideB = b.stride();
        for (int d = 0; d < strideA.Length; d++)
            if (a.shape[d] > 1 && strideA[d] != strideB[d]) return false;
        return true;
    }

    /// <summary>The address of a dense tensor's first element (a channels-last one is read through its NHWC view).</summary>
    private static float* Floats(Tensor tensor)
    {
        var dense = tensor.is_contiguous() ? tensor : tensor.permute(0, 2, 3, 1);
        if (!dense.is_contiguous()) throw new InvalidOperationException("AdamUpdate: a tensor that passed Fits is not dense.");
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(dense.bytes));
    }
}
