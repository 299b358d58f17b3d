namespace MlNetVision.Native;

/// <summary>
/// Physical cores this process may run on: the CPUs of its affinity mask (Linux: <c>Cpus_allowed_list</c>) grouped by
/// their SMT siblings (<c>topology/thread_siblings_list</c>), capped by <see cref="Environment.ProcessorCount"/>
/// (which also honours a cgroup CPU quota). One compute thread per physical core is libtorch's and ONNX Runtime's
/// own default; hyper-threads add little to dense kernels and contend for the same units.
/// </summary>
internal static class PhysicalCores
{
    private static readonly Lazy<int> Detected = new(Detect);

    /// <summary>The count, at least 1; <see cref="Environment.ProcessorCount"/> where the topology cannot be read.</summary>
    public static int Count => Detected.Value;

    /// <summary>
    /// The thread count a <c>--threads</c>-style setting asks for: <paramref name="threads"/>, or <see cref="Count"/>
    /// when it is 0 or less.
    /// </summary>
    public static int Or(int threads) => threads > 0 ? threads : Count;

    /// <summary>
    /// Distinct cores among <paramref name="cpus"/>, where <paramref name="siblingsOf"/> gives a CPU's sibling list
    /// (null: unknown, counted as its own core); at most <paramref name="processorCount"/>, at least 1.
    /// </summary>
    public static int FromTopology(IEnumerable<int> cpus, Func<int, string?> siblingsOf, int processorCount)
    {
        var cores = cpus.Select(cpu => siblingsOf(cpu)?.Trim() ?? $"cpu{cpu}").Distinct().Count();
        return Math.Clamp(cores, 1, Math.Max(1, processorCount));
    }

    /// <summary>Parses a Linux CPU list such as <c>0-3,8,10-11</c>.</summary>
    public static IReadOnlyList<int> ParseCpuList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(part => part.Split('-') is [var first, var last]
                ? Enumerable.Range(int.Parse(first), int.Parse(last) - int.Parse(first) + 1)
                : [int.Parse(part)])
            .ToList();

    private static int Detect()
    {
        if (!OperatingSystem.IsLinux()) return Environment.ProcessorCount;
        try
        {
            var allowed = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            if (allowed is null) return Environment.ProcessorCount;
            var cpus = ParseCpuList(allowed["Cpus_allowed_list:".Length..]);
            return FromTopology(cpus, cpu =>
            {
                var path = $"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list";
                return File.Exists(path) ? File.ReadAllText(path) : null;
            }, Environment.ProcessorCount);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return Environment.ProcessorCount;
        }
    }
}
