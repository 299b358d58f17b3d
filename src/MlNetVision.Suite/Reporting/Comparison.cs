using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting.Plots;

namespace MlNetVision.Suite.Reporting;

/// <summary>Finds run reports and writes <c>comparison.md</c> and the plots into one folder.</summary>
public static class Comparison
{
    /// <summary>File names written, besides one confusion matrix per run.</summary>
    public static readonly IReadOnlyList<string> Files = ["comparison.md", "loss.png", "accuracy.png", "f1-per-class.png", "accuracy-vs-time.png"];

    /// <summary>Every <c>report.json</c> under the given folders (or files), with a label for each run.</summary>
    /// <exception cref="MlNetVisionException">No reports, or a report that cannot be read.</exception>
    public static IReadOnlyList<(string Label, RunReport Report)> Load(IEnumerable<string> locations)
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
        return runs.Select(r => (duplicates.Contains(r.Report.Experiment)
            ? $"{r.Report.Experiment} ({Path.GetFileName(Path.GetDirectoryName(r.File))})" : r.Report.Experiment, r.Report)).ToList();
    }

    /// <summary>Writes the table and plots to <paramref name="output"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<(string Label, RunReport Report)> runs, string output)
    {
        Directory.CreateDirectory(output);
        var written = new List<string>();
        void Png(OxyPlot.PlotModel model, string name) { var path = Path.Combine(output, name); PlotFiles.WritePng(model, path); written.Add(path); }
        var table = Path.Combine(output, "comparison.md");
        AtomicFile.WriteAllText(table, ComparisonTable.Render(runs));
        written.Add(table);
        Png(TrainingCurvesPlot.Loss(runs), "loss.png");
        Png(TrainingCurvesPlot.Accuracy(runs), "accuracy.png");
        Png(PerClassF1Plot.Build(runs), "f1-per-class.png");
        Png(AccuracyVsTimePlot.Build(runs), "accuracy-vs-time.png");
        foreach (var (label, report) in runs) Png(ConfusionMatrixPlot.Build(label, report), $"confusion-{PlotFiles.Slug(label)}.png");
        return written;
    }
}
