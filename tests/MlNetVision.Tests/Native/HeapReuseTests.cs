using System.Collections;
using System.Runtime.InteropServices;
using MlNetVision.Native;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Native;

public class HeapReuseTests
{
    /// <summary>
    /// With reuse on, a 16-MB block (above glibc's default mmap threshold; it fits a worker thread's 64-MB arena heap)
    /// comes from the heap, not from mmap. The control then lets glibc map blocks from 1 MB up and sees the same
    /// allocation mapped, so the measurement can tell the two apart; reuse is switched back on afterwards.
    /// </summary>
    [LinuxFact]
    public void Enable_OnLinux_SixteenMegabyteBlocksComeFromTheHeapButWouldBeMappedOtherwise()
    {
        Assert.Equal(HeapReuse.EnvironmentAllows(Environment.GetEnvironmentVariables()), HeapReuse.Enable());
        Assert.True(HeapReuse.Enable(), "reuse was skipped: the test environment sets glibc malloc options or MLNETVISION_HEAP=system");
        const int bytes = 16 << 20;

        long reused = MappedGrowth(bytes);
        long control;
        try
        {
            Assert.Equal(1, MallocOption(MallocMmapThreshold, 1 << 20));
            Assert.Equal(1, MallocOption(MallocMmapMax, 65536));
            control = MappedGrowth(bytes);
        }
        finally
        {
            MallocOption(MallocMmapMax, 0);   // as HeapReuse left it (with mmap off the threshold no longer matters)
        }

        Assert.True(reused < bytes, $"with reuse on, a {bytes >> 20} MB block was mapped ({reused} bytes)");
        Assert.True(control >= bytes, $"with mmap allowed from 1 MB, a {bytes >> 20} MB block was not mapped ({control} bytes): the probe cannot see mappings");
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

    private const int MallocMmapThreshold = -3;   // M_MMAP_THRESHOLD
    private const int MallocMmapMax = -4;         // M_MMAP_MAX

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallocOption(int parameter, int value);

    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo2
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, UsedSmall, FreeSmall, Used, Free, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo2 MallocInfo();
}
