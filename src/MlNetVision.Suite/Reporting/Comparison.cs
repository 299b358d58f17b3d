using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting.Plots;

namespace MlNetVision.Suite.Reporting;

/// <summary>Finds run reports and writes <c>comparison.md</c> and the plots into one folder.</summary>
public static class Comparison
{
    /// <summary>File names written, besides one confusion matrix per run.</summary>
    public static readonly IReadOnlyList<string> Files = ["comparison.md", "comparison.html", "loss.png", "accuracy.png", "f1-per-class.png", "accuracy-vs-time.png"];

    /// <summary>Every <c>report.json</c> under the given folders (or files), with a label for each run.</summary>
    /// <exception cref="MlNetVisionException">No reports, or a report that cannot be read.</exception>
    public static IReadOnlyList<(string Label, RunReport Report)> Load(IEnumerable<string> locations) =>
        LoadRuns(locations).Select(r => (r.Label, r.Report)).ToList();

    /// <summary>Every <c>report.json</c> under the given folders (or files), with a label and the run folder for each run.</summary>
    /// <exception cref="MlNetVisionException">No reports, or a report that cannot be read.</exception>
    public static IReadOnlyList<ComparedRun> LoadRuns(IEnumerable<string> locations)
    {
        var files = new List<string>();
        foreach (var location in locations)
        {
            if (File.Exists(location)) files.Add(Path.GetFullPath(location));
            else if (Directory.Exists(location)) files.AddRange(Directory.EnumerateFiles(location, "report.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else throw new MlNetVisionException($"No such report or folder: {location}");
        }
        if (files.Count == 0) throw new MlNetVisionException($"No report.json found under {string.Join(", ", locations)}.");
        var runs = files.Select(f => (File: f, Report: ReportJson.Read(f))).ToList();
        var duplicates = runs.GroupBy(r => r.Report.Experiment).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return runs.Select(r => new ComparedRun(duplicates.Contains(r.Report.Experiment)
            ? $"{r.Report.Experiment} ({Path.GetFileName(Path.GetDirectoryName(r.File))})" : r.Report.Experiment, r.Report, Path.GetDirectoryName(r.File))).ToList();
    }

    /// <summary>Writes the table, the page and the plots to <paramref name="output"/> (no links to run pages); returns the files written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<(string Label, RunReport Report)> runs, string output) =>
        Write(runs.Select(r => new ComparedRun(r.Label, r.Report, null)).ToList(), output);

    /// <summary>Writes <c>comparison.md</c>, <c>comparison.html</c> (linking each run's <c>report.html</c>; both with the seed
    /// study's table when <paramref name="seedStudy"/> is given and applies) and the plots to <paramref name="output"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<ComparedRun> compared, string output, IReadOnlyList<SeedStudy.SeedStudyRow>? seedStudy = null)
    {
        var runs = compared.Select(r => (r.Label, r.Report)).ToList();
        Directory.CreateDirectory(output);
        var written = new List<string>();
        void Png(OxyPlot.PlotModel model, string name) { var path = Path.Combine(output, name); PlotFiles.WritePng(model, path); written.Add(path); }
        var table = Path.Combine(output, "comparison.md");
        AtomicFile.WriteAllText(table, ComparisonTable.Render(runs, seedStudy));
        written.Add(table);
        var page = Path.Combine(output, Html.ComparisonPage.FileName);
        AtomicFile.WriteAllText(page, Html.ComparisonPage.Render(compared, output, seedStudy));
        written.Add(page);
        Png(TrainingCurvesPlot.Loss(runs), "loss.png");
        Png(TrainingCurvesPlot.Accuracy(runs), "accuracy.png");
        Png(PerClassF1Plot.Build(runs), "f1-per-class.png");
        Png(AccuracyVsTimePlot.Build(runs), "accuracy-vs-time.png");
        foreach (var (label, report) in runs) Png(ConfusionMatrixPlot.Build(label, report), $"confusion-{PlotFiles.Slug(label)}.png");
        return written;
    }
}
