using MlNetVision.Infrastructure;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// Rebuilds <c>report.html</c> for run folders (the <c>report</c> command): a folder with a <c>report.json</c>, or every run
/// folder under a folder. A run of a seed study (<c>run --seeds N</c>: its parent holds <c>seeds.json</c>) shows the mean ±
/// std over its sibling seeds' reports.
/// </summary>
public static class RunReportFolders
{
    /// <summary>Writes <c>report.html</c> into every run folder at or under <paramref name="location"/>; returns the pages written.</summary>
    /// <exception cref="MlNetVisionException">No such folder, or no <c>report.json</c> in or under it.</exception>
    public static IReadOnlyList<string> Write(string location)
    {
        if (!Directory.Exists(location)) throw new MlNetVisionException($"No such run folder: {location}");
        var reports = File.Exists(Path.Combine(location, "report.json"))
            ? [Path.Combine(location, "report.json")]
            : Directory.EnumerateFiles(location, "report.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (reports.Count == 0) throw new MlNetVisionException($"{location} holds no report.json: not a run folder.");
        return reports.Select(r => Path.GetDirectoryName(Path.GetFullPath(r))!).Select(folder => RunReportPage.Write(folder, SeedStudyOf(folder))).ToList();
    }

    /// <summary>The mean ± std over the seed study <paramref name="folder"/> belongs to (its parent has <c>seeds.json</c>), else null.</summary>
    public static SeedSummary? SeedStudyOf(string folder)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (parent is null || !File.Exists(Path.Combine(parent, SeedSummary.JsonFile))) return null;
        var siblings = Directory.EnumerateDirectories(parent, "seed-*").Select(d => Path.Combine(d, "report.json")).Where(File.Exists)
            .Order(StringComparer.Ordinal).Select(ReportJson.Read).ToList();
        return siblings.Count > 1 ? SeedSummary.From(siblings) : null;
    }
}
