using System.Collections;
using System.Runtime.InteropServices;
using MlNetVision.Native;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Native;

public class HeapReuseTests
{
    /// <summary>
    /// With reuse on, a 16-MB block (above glibc's default mmap threshold; it fits a worker thread's 64-MB arena heap)
    /// comes from the heap, not from mmap. Limit: a control that re-allowed mmap in-process did not see the block mapped
    /// once other tests had run (the arena's retained free chunks served it), so this check alone can also pass when an
    /// earlier allocation left a big enough free chunk; a fresh-process comparison would be the independent route.
    /// </summary>
    [LinuxFact]
    public void Enable_OnLinux_SixteenMegabyteBlocksComeFromTheHeap()
    {
        Assert.Equal(HeapReuse.EnvironmentAllows(Environment.GetEnvironmentVariables()), HeapReuse.Enable());
        Assert.True(HeapReuse.Enable(), "reuse was skipped: the test environment sets glibc malloc options or MLNETVISION_HEAP=system");
        const int bytes = 16 << 20;

        long mapped = MappedGrowth(bytes);

        Assert.True(mapped < bytes, $"with reuse on, a {bytes >> 20} MB block was mapped ({mapped} bytes)");
    }

    [Theory]
    [InlineData("MLNETVISION_HEAP", "system", false)]
    [InlineData("MLNETVISION_HEAP", "reuse", true)]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1000000", false)]
    [InlineData("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2", true)]
    [InlineData("MALLOC_ARENA_MAX_", "2", false)]
    [InlineData("PATH", "/usr/bin", true)]
    public void EnvironmentAllows_UserSetting_RespectedOnlyForMallocOptions(string name, string value, bool allowed) =>
        Assert.Equal(allowed, HeapReuse.EnvironmentAllows(new Hashtable { [name] = value }));

    /// <summary>How much glibc's bytes in mmap'd blocks (<c>mallinfo2().hblkhd</c>) grow while a block of <paramref name="bytes"/> is held.</summary>
    private static long MappedGrowth(int bytes)
    {
        long before = (long)MallocInfo().MappedBytes;
        nint block = Marshal.AllocHGlobal(bytes);   // malloc on Unix
        try
        {
            return (long)MallocInfo().MappedBytes - before;
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo2
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, UsedSmall, FreeSmall, Used, Free, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo2 MallocInfo();
}
