using TorchSharp;

namespace MlNetVision.Native;

/// <summary>
/// The one set-up before libtorch computes (training, benchmarks): loads libtorch, sets its intra-op threads
/// (default one per physical core, <see cref="PhysicalCores"/>), flushes denormals (<see cref="FlushDenormal"/>) and keeps
/// freed tensor memory for reuse (<see cref="HeapReuse"/>).
/// </summary>
internal static class TorchCompute
{
    /// <summary>Prepares the calling thread; returns the intra-op thread count now in use.</summary>
    /// <param name="threads">Threads wanted; 0 or less = one per physical core.</param>
    public static int Prepare(int threads)
    {
        TorchRuntime.EnsureLoaded();
        HeapReuse.Enable();
        torch.set_num_threads(PhysicalCores.Or(threads));
        FlushDenormal.Enable();
        return torch.get_num_threads();
    }
}
