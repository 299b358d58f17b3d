using MlNetVision.Suite.Reporting.SeedStudy;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>The seed study's table on <c>comparison.html</c> (<see cref="SeedStudyTable"/>): a row per seed row, its runs
/// linked to their pages, and the command of each row not yet run at the seed's settings.</summary>
public static class SeedStudySection
{
    /// <summary>Writes the section for <paramref name="rows"/> over <paramref name="runs"/>.</summary>
    public static void Write(HtmlBuilder h, IReadOnlyList<SeedStudyRow> rows, IReadOnlyList<ComparedRun> runs)
    {
        h.Open("section", ("id", "seed-study")).Element("h2", "The seed study's table").Element("p", SeedStudyTable.Explanation, ("class", "note"));
        var lines = SeedStudyTable.Build(rows, runs.Select(r => r.Report).ToList());
        h.Raw(HtmlTable.Render("seed-study-table", SeedStudyTable.Headers, lines.Select(line => Cells(line)), sortable: false));
        var missing = lines.Where(l => l.SeedSettings is { Runs.Count: 0 }).ToList();
        if (missing.Count > 0)
        {
            h.Element("p", "Not yet run at the seed's settings (D = the CIFAR-10 folder; --resume continues an interrupted run):", ("class", "note")).Open("ul");
            foreach (var line in missing) h.Open("li").Text($"{line.Row.Row}: ").Element("code", SeedStudyTable.CommandOf(line.Row)).Close("li");
            h.Close("ul");
        }
        h.Close("section");
    }

    private static IReadOnlyList<TableCell> Cells(SeedStudyLine line)
    {
        var text = SeedStudyTable.Cells(line);
        return text.Select((cell, i) => i is 1 or 2 or 4 or 5 or 8 or 9 ? new TableCell(cell) : TableCell.Of(cell)).ToList();
    }
}
