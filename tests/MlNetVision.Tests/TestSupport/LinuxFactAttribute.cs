namespace MlNetVision.Tests.TestSupport;

/// <summary>A fact that reports itself skipped, not passed, on systems other than Linux.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only";
    }
}
