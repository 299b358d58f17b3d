using System.Globalization;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>A process's resident memory as Linux reports it.</summary>
public static class ResidentMemory
{
    /// <summary>
    /// <c>VmRSS</c> from <c>/proc/&lt;pid&gt;/status</c> in MB, or null where there is no such file (not Linux, or the
    /// process has exited).
    /// </summary>
    public static double? Megabytes(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(lines);
    }

    /// <summary>The <c>VmRSS:  1234 kB</c> line of a status file in MB, or null without one.</summary>
    public static double? Parse(IEnumerable<string> statusLines)
    {
        foreach (var line in statusLines)
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb)) return kb / 1024.0;
        }
        return null;
    }
}
