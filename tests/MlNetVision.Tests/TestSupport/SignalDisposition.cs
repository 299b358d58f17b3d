using System.Globalization;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Which signals this process ignores (inherited by the processes it starts), from <c>/proc/self/status</c>.</summary>
public static class SignalDisposition
{
    /// <summary>SIGINT's number.</summary>
    public const int Interrupt = 2;

    /// <summary>True when <paramref name="signal"/> is ignored (Linux); false where that cannot be read.</summary>
    public static bool Ignored(int signal)
    {
        const string status = "/proc/self/status";
        return File.Exists(status) && Ignored(File.ReadLines(status), signal);
    }

    /// <summary>True when the <c>SigIgn</c> mask among <paramref name="statusLines"/> has <paramref name="signal"/>'s bit.</summary>
    public static bool Ignored(IEnumerable<string> statusLines, int signal)
    {
        var line = statusLines.FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
               && (mask & (1UL << (signal - 1))) != 0;
    }
}
