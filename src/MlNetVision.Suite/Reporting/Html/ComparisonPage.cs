using System.Globalization;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// <c>comparison.html</c>: every run in a sortable table (seed groups as one row of mean ± std, the seed study's figure only
/// where the run used its recipe in full), accuracy against training time, per-epoch curves, the before/after-augmentation
/// and ablation tables, and a link to each run's <c>report.html</c>. Self-contained like <see cref="RunReportPage"/>.
/// </summary>
public static class ComparisonPage
{
    /// <summary>The file name beside <c>comparison.md</c>.</summary>
    public const string FileName = "comparison.html";

    /// <summary>The page's HTML; links to the runs' pages are relative to <paramref name="outputFolder"/>; the seed study's
    /// table when <paramref name="seedStudy"/> is given and one of its experiments is among the runs.</summary>
    public static string Render(IReadOnlyList<ComparedRun> runs, string outputFolder, IReadOnlyList<SeedStudy.SeedStudyRow>? seedStudy = null)
    {
        var pairs = runs.Select(r => (r.Label, r.Report)).ToList();
        var h = new HtmlBuilder();
        h.Open("main").Element("h1", $"Comparison of {runs.Count} run{(runs.Count == 1 ? "" : "s")}");
        h.Open("section", ("id", "runs")).Element("h2", "Runs").Element("p", "Click a column's title to sort by it.", ("class", "note"));
        h.Raw(HtmlTable.Render("runs-table",
            ["run", "model", "augmentation", "accuracy", "macro F1", "weighted F1", "seed study", "train time", "run time", "train img/s", "parameters"],
            ComparisonTable.SeedGroups(pairs).Select(group => Row(group, runs, outputFolder))));
        h.Element("p", ComparisonTable.Footnote, ("class", "note"));
        h.Close("section");

        h.Open("section", ("id", "plots")).Element("h2", "Accuracy, time and curves").Open("div", ("class", "charts"));
        h.Raw(AccuracyVsTime(runs));
        h.Raw(LineChart.Render("chart-accuracy", "Accuracy per epoch (validation; training without a validation split)", "epoch", "accuracy",
            runs.Select(r => TrainingCurvesSection.Series(r.Label, r.Report.History, e => e.ValidationAccuracy ?? e.TrainAccuracy)).ToList()));
        h.Raw(LineChart.Render("chart-loss", "Training loss per epoch", "epoch", "cross-entropy",
            runs.Select(r => TrainingCurvesSection.Series(r.Label, r.Report.History, e => e.TrainLoss)).ToList()));
        h.Close("div").Close("section");

        BeforeAfter(h, pairs);
        if (seedStudy is not null && SeedStudy.SeedStudyTable.Applies(seedStudy, runs.Select(r => r.Report))) SeedStudySection.Write(h, seedStudy, runs);
        foreach (var study in AblationTable.Build(pairs))
        {
            h.Open("section", ("class", "ablation")).Element("h2", $"Ablation of {study.Experiment}").Element("p", AblationTable.Explanation, ("class", "note"));
            h.Raw(HtmlTable.Render(null, AblationTable.Headers, study.Rows.Select(row => (IReadOnlyList<TableCell>)row.Select((cell, i) => i == 0 ? TableCell.Of(cell) : new TableCell(cell)).ToList()), sortable: false));
            h.Close("section");
        }

        h.Open("section", ("id", "run-reports")).Element("h2", "Run reports").Open("ul");
        foreach (var run in runs)
        {
            h.Open("li");
            if (Link(run, outputFolder) is { } link) h.Element("a", run.Label, ("href", link));
            else h.Text(run.Label);
            if (run.Folder is not null && !File.Exists(Path.Combine(run.Folder, RunReportPage.FileName)))
                h.Element("span", " (report.html not written yet: run the report command on the folder)", ("class", "muted"));
            h.Close("li");
        }
        h.Close("ul").Close("section").Close("main");
        return HtmlPage.Render($"MlNetVision comparison of {runs.Count} runs", h.ToString());
    }

    private static IReadOnlyList<TableCell> Row(IReadOnlyList<(string Label, RunReport Report)> group, IReadOnlyList<ComparedRun> runs, string outputFolder)
    {
        var (label, r) = group[0];
        var run = runs.First(x => ReferenceEquals(x.Report, r));
        var seedCell = RecipeMatch.AccuracyCell(r);
        var seed = new TableCell(seedCell, r.Reference is { } reference && RecipeMatch.Differences(r).Count == 0 ? reference.Accuracy : null,
            Class: seedCell.StartsWith("not comparable", StringComparison.Ordinal) ? "text differs" : null);
        string augmentation = ComparisonTable.AugmentationLabel(r);
        if (group.Count == 1)
            return [TableCell.Of(label, Link(run, outputFolder)), TableCell.Of(r.Model), TableCell.Of(augmentation),
                TableCell.Of(r.Metrics.Accuracy), TableCell.Of(r.Metrics.MacroF1), TableCell.Of(r.Metrics.WeightedF1), seed,
                Time(r.Timing.TrainSeconds), Time(RunTimes.WithoutMonitor(r)), TableCell.Of(r.Timing.TrainImagesPerSecond, "0"), TableCell.Of(r.Parameters, "N0")];
        var seeds = SeedSummary.From(group.Select(g => g.Report).ToList());
        TableCell Spread(string key, Func<double, double, string>? format = null)
        {
            var m = seeds.Metrics[key];
            return new TableCell(format is null ? $"{HtmlText.Number(m.Mean)} ± {HtmlText.Number(m.Std)}" : format(m.Mean, m.Std), m.Mean);
        }
        return [TableCell.Of(ComparisonTable.GroupLabel(group), Link(run, outputFolder)), TableCell.Of(r.Model), TableCell.Of(augmentation),
            Spread("accuracy"), Spread("macroF1"), Spread("weightedF1"), seed, Spread("trainSeconds", Durations.FormatSpread),
            Spread(SeedSummary.RunSecondsWithoutMonitor, Durations.FormatSpread), TableCell.Of(seeds.Metrics["trainImagesPerSecond"].Mean, "0"), TableCell.Of(r.Parameters, "N0")];
    }

    /// <summary>Above this many runs the scatter's points carry no written labels (they would overlap); the tooltips name them.</summary>
    public const int MaxPointLabels = 6;

    private static TableCell Time(double seconds) => new(Durations.Format(seconds), seconds);

    private static string AccuracyVsTime(IReadOnlyList<ComparedRun> runs)
    {
        var timed = runs.Where(r => r.Report.Timing.TrainSeconds > 0).ToList();   // a run that trained nothing has no place on a log axis
        var (unit, scale) = Durations.UnitFor(timed.Count == 0 ? 0 : timed.Max(r => r.Report.Timing.TrainSeconds));
        var points = timed.Select(r => new ChartPoint(r.Report.Timing.TrainSeconds / scale, r.Report.Metrics.Accuracy,
            $"{r.Label}\naccuracy {HtmlText.Number(r.Report.Metrics.Accuracy)}\ntraining {Durations.Format(r.Report.Timing.TrainSeconds)}",
            timed.Count <= MaxPointLabels ? r.Label : null)).ToList();
        var x = ChartAxis.Fit($"training time ({Durations.LongName(unit)}, log scale)", points.Select(p => p.X), v => HtmlText.Number(v, "0.###"), log: true);
        var y = ChartAxis.Fit("test accuracy", points.Select(p => p.Y));
        return ScatterChart.Render("chart-accuracy-vs-time", "Test accuracy against training time", x, y, points);
    }

    private static void BeforeAfter(HtmlBuilder h, IReadOnlyList<(string Label, RunReport Report)> runs)
    {
        var pairs = ComparisonTable.BeforeAfter(runs);
        if (pairs.Count == 0) return;
        h.Open("section", ("id", "before-after")).Element("h2", "Before and after augmentation")
            .Element("p", "Same model, input size and epochs; without augmentation (before) and with it (after).", ("class", "note"));
        h.Raw(HtmlTable.Render("before-after-table",
            ["model", "accuracy before", "accuracy after", "macro F1 before", "macro F1 after", "weighted F1 before", "weighted F1 after"],
            pairs.Select(p => (IReadOnlyList<TableCell>)[TableCell.Of(p.Model), TableCell.Of(p.Before.Metrics.Accuracy), TableCell.Of(p.After.Metrics.Accuracy),
                TableCell.Of(p.Before.Metrics.MacroF1), TableCell.Of(p.After.Metrics.MacroF1), TableCell.Of(p.Before.Metrics.WeightedF1), TableCell.Of(p.After.Metrics.WeightedF1)])));
        h.Close("section");
    }

    /// <summary>The relative URL from <paramref name="outputFolder"/> to the run's <c>report.html</c>, or null without a folder.</summary>
    public static string? Link(ComparedRun run, string outputFolder)
    {
        if (run.Folder is null) return null;
        var relative = Path.GetRelativePath(Path.GetFullPath(outputFolder), Path.Combine(Path.GetFullPath(run.Folder), RunReportPage.FileName));
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Select(segment => segment == ".." ? segment : Uri.EscapeDataString(segment)));
    }
}
