using System.Collections;
using System.Runtime.InteropServices;
using MlNetVision.Native;
using TorchSharp;

namespace MlNetVision.Tests.Native;

public class HeapReuseTests
{
    [Fact]
    public void Enable_OnLinux_SixteenMegabyteTensorsNoLongerMapped()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(HeapReuse.Enable());
        const long bytes = 16L << 20;   // above glibc's default mmap threshold; fits a worker thread's 64-MB arena heap
        long before = MappedBytes();
        using var large = torch.empty(bytes / sizeof(float));
        long after = MappedBytes();
        Assert.True(after < before + bytes, $"a {bytes >> 20} MB tensor was mapped: {before} → {after} bytes in mmap'd blocks");
    }

    [Fact]
    public void Enable_CalledTwice_SameAnswer() => Assert.Equal(HeapReuse.Enable(), HeapReuse.Enable());

    [Theory]
    [InlineData("MLNETVISION_HEAP", "system", false)]
    [InlineData("MLNETVISION_HEAP", "reuse", true)]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1000000", false)]
    [InlineData("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2", true)]
    [InlineData("MALLOC_ARENA_MAX_", "2", false)]
    [InlineData("PATH", "/usr/bin", true)]
    public void EnvironmentAllows_UserSetting_RespectedOnlyForMallocOptions(string name, string value, bool allowed) =>
        Assert.Equal(allowed, HeapReuse.EnvironmentAllows(new Hashtable { [name] = value }));

    /// <summary>glibc's <c>mallinfo2().hblkhd</c>: bytes currently in mmap'd blocks.</summary>
    private static long MappedBytes()
    {
        var info = MallocInfo();
        return (long)info.MappedBytes;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo2
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, UsedSmall, FreeSmall, Used, Free, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo2 MallocInfo();
}
