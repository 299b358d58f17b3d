using MlNetVision.Native;

namespace MlNetVision.Tests.Native;

public class LibStdCxxVersionFixTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData(" OFF ", false)]
    [InlineData("0", false)]
    public void Enabled_OptOutVariable_TurnsTheFixOffOnlyWhenAsked(string? value, bool enabled)
    {
        Assert.Equal(enabled, LibStdCxxVersionFix.Enabled(value));
    }

    private static ElfImage TorchSharpLibrary()
    {
        var path = NativeSearchPath.Find(LibStdCxxVersionFix.LibraryFileName);
        Assert.NotNull(path);
        return ElfImage.Load(path);
    }

    [Fact]
    public void MissingVersions_SystemWithout3432_FindsExactlyThatVersion()
    {
        var library = TorchSharpLibrary();
        var available = library.VersionNeeds().Select(n => n.Version).Where(v => v != "GLIBCXX_3.4.32").ToHashSet();

        var missing = LibStdCxxVersionFix.MissingVersions(library, available);

        Assert.Equal(["GLIBCXX_3.4.32"], missing.Select(m => m.Version));
    }

    [Fact]
    public void MissingVersions_SystemWithEveryVersion_FindsNone()
    {
        var library = TorchSharpLibrary();
        var available = library.VersionNeeds().Select(n => n.Version).ToHashSet();

        Assert.Empty(LibStdCxxVersionFix.MissingVersions(library, available));
    }

    [Fact]
    public void Patch_MarksOnlyMissingEntriesWeak_AndChangesTwoBytesAtMost()
    {
        var library = TorchSharpLibrary();
        var missing = LibStdCxxVersionFix.MissingVersions(library, new HashSet<string> { "GLIBCXX_3.4" });

        var patched = ElfImage.FromBytes(LibStdCxxVersionFix.Patch(library, missing));

        var weak = patched.VersionNeeds().Where(n => n.IsWeak).Select(n => n.Version).ToHashSet();
        Assert.Equal(missing.Select(m => m.Version).ToHashSet(), weak);
        Assert.DoesNotContain("GLIBCXX_3.4", weak);
        Assert.DoesNotContain(library.VersionNeeds(), n => n.IsWeak);
        int changed = 0;
        for (int i = 0; i < library.Bytes.Length; i++) if (library.Bytes[i] != patched.Bytes[i]) changed++;
        Assert.InRange(changed, 1, missing.Count);
    }

    [Fact]
    public void ElfImage_NotAnElfFile_ThrowsClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfImage.FromBytes(new byte[100], "junk.so"));

        Assert.Contains("junk.so is not an ELF file", error.Message);
    }

    [Fact]
    public void NeededLibraries_TorchSharpLibrary_ListsLibtorch()
    {
        Assert.Contains("libtorch_cpu.so", TorchSharpLibrary().NeededLibraries());
    }
}
