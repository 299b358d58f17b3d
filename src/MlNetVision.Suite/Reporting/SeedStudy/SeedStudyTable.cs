using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Reporting.SeedStudy;

/// <summary>
/// The seed study's table, row by row: its published accuracy and macro F1, ours at the seed's settings (only runs that
/// used them in full: <see cref="RecipeMatch"/>), ours at the best CPU recipe (runs on all the training and test images),
/// and the commands that run each of them. Written into <c>comparison.md</c> and <c>comparison.html</c> when the compared runs
/// include one of the table's experiments.
/// </summary>
public static class SeedStudyTable
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["seed study row", "seed accuracy", "seed macro F1", "ours at the seed's settings", "accuracy", "macro F1", "train time",
         "ours at the best CPU recipe", "accuracy", "macro F1", "train time", "note"];

    /// <summary>What the columns mean.</summary>
    public const string Explanation =
        "Ours at the seed's settings counts only runs that used them in full (same epochs and input size, all 50,000 training and " +
        "10,000 test images, completed); the best CPU recipe counts runs on all the training and test images. Several seeds: " +
        "mean ± sample standard deviation. Train time is the training steps on this project's 2 CPU cores; the seed study trained on a GPU.";

    /// <summary>Whether the table belongs in a comparison of <paramref name="runs"/>: one of them is an experiment of <paramref name="rows"/>.</summary>
    public static bool Applies(IReadOnlyList<SeedStudyRow> rows, IEnumerable<RunReport> runs)
    {
        var names = Experiments(rows);
        return runs.Any(r => names.Contains(r.Experiment));
    }

    /// <summary>Every row with our runs for it.</summary>
    public static IReadOnlyList<SeedStudyLine> Build(IReadOnlyList<SeedStudyRow> rows, IReadOnlyList<RunReport> runs) =>
        rows.Select(row => new SeedStudyLine(row,
            row.SeedSettings is { } seed ? Cell(seed, runs, r => RecipeMatch.Differences(r, row.Recipe).Count == 0 && OnSeedData(r, row.Recipe)) : null,
            row.BestCpu is { } best ? Cell(best, runs, r => RecipeMatch.Differences(r, null).Count == 0 && OnSeedData(r, row.Recipe)) : null)).ToList();

    /// <summary>The run command of a row's seed settings: its own <see cref="SeedStudyRow.Command"/>, else <c>run &lt;experiment&gt; --data D</c>.</summary>
    public static string CommandOf(SeedStudyRow row) =>
        row.Command ?? (row.SeedSettings is { } name ? $"run {name} --data D" : "");

    /// <summary>What the list of commands below the table says first.</summary>
    public const string CommandsHeading =
        "The commands of every row (D = the CIFAR-10 folder; `--resume` continues an interrupted run)";

    /// <summary>
    /// The commands that fill a row: its seed settings' (<see cref="CommandOf"/>) and its best CPU recipe's, each marked
    /// when no compared run counts for its column yet.
    /// </summary>
    public static IReadOnlyList<SeedStudyCommand> Commands(SeedStudyLine line)
    {
        var commands = new List<SeedStudyCommand>();
        if (line.SeedSettings is { } seed)
            commands.Add(new("seed's settings", CommandOf(line.Row), seed.Runs.Count == 0));
        if (line.BestCpu is { } best)
            commands.Add(new("best CPU recipe", $"run {best.Experiment} --data D", best.Runs.Count == 0));
        return commands;
    }

    /// <summary>The table as Markdown, with every row's commands below it.</summary>
    public static string Render(IReadOnlyList<SeedStudyRow> rows, IReadOnlyList<RunReport> runs)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("## The seed study's table");
        s.AppendLine();
        s.AppendLine("| " + string.Join(" | ", Headers) + " |");
        s.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", Headers.Count)));
        var lines = Build(rows, runs);
        foreach (var line in lines)
            s.AppendLine("| " + string.Join(" | ", Cells(line).Select(c => c.Replace("|", "/"))) + " |");
        s.AppendLine();
        s.AppendLine(Explanation);
        s.AppendLine();
        s.AppendLine(CommandsHeading + ":");
        s.AppendLine();
        foreach (var line in lines) s.AppendLine($"- {line.Row.Row}: " + string.Join("; ", Commands(line).Select(c => $"{c.Label} `{c.Command}`{c.Status}")));
        return s.ToString();
    }

    /// <summary>A row's cells as text, in <see cref="Headers"/> order.</summary>
    public static IReadOnlyList<string> Cells(SeedStudyLine line)
    {
        var row = line.Row;
        return
        [
            row.Row, Number(row.PublishedAccuracy), Number(row.PublishedMacroF1),
            Name(line.SeedSettings), Metric(line.SeedSettings?.Accuracy), Metric(line.SeedSettings?.MacroF1), line.SeedSettings?.TimeText ?? "–",
            Name(line.BestCpu), Metric(line.BestCpu?.Accuracy), Metric(line.BestCpu?.MacroF1), line.BestCpu?.TimeText ?? "–",
            row.Note,
        ];
    }

    private static string Name(SeedStudyCell? cell) => cell is null ? "–"
        : $"{cell.Experiment} ({cell.RunsText}{(cell.Other > 0 ? $"; {cell.Other} other run{(cell.Other == 1 ? "" : "s")} at other settings" : "")})";

    private static string Metric(MeanStd? value) => value?.Format() ?? "–";

    private static string Number(double? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "–";

    private static SeedStudyCell Cell(string experiment, IReadOnlyList<RunReport> runs, Func<RunReport, bool> counts)
    {
        var own = runs.Where(r => r.Experiment == experiment).ToList();
        var counted = own.Where(counts).ToList();
        return new SeedStudyCell(experiment, counted, own.Count - counted.Count);
    }

    private static bool OnSeedData(RunReport report, ReferenceRecipe recipe) =>
        recipe.Classes is not { } classes || classes.SequenceEqual(report.Metrics.Classes, StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> Experiments(IReadOnlyList<SeedStudyRow> rows) =>
        rows.SelectMany(r => new[] { r.SeedSettings, r.BestCpu }).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
