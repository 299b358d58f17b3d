using MlNetVision.Suite.Reporting.SeedStudy;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>The seed study's table on <c>comparison.html</c> (<see cref="SeedStudyTable"/>): a row per seed row, its runs
/// linked to their pages, and the commands of every row.</summary>
public static class SeedStudySection
{
    /// <summary>Writes the section for <paramref name="rows"/> over <paramref name="runs"/>.</summary>
    public static void Write(HtmlBuilder h, IReadOnlyList<SeedStudyRow> rows, IReadOnlyList<ComparedRun> runs)
    {
        h.Open("section", ("id", "seed-study")).Element("h2", "The seed study's table").Element("p", SeedStudyTable.Explanation, ("class", "note"));
        var lines = SeedStudyTable.Build(rows, runs.Select(r => r.Report).ToList());
        h.Raw(HtmlTable.Render("seed-study-table", SeedStudyTable.Headers, lines.Select(line => Cells(line)), sortable: false));
        h.Element("p", SeedStudyTable.CommandsHeading.Replace("`", "") + ":", ("class", "note")).Open("ul");
        foreach (var line in lines)
        {
            h.Open("li").Text($"{line.Row.Row}: ");
            var commands = SeedStudyTable.Commands(line);
            for (var i = 0; i < commands.Count; i++)
                h.Text((i > 0 ? "; " : "") + commands[i].Label + " ").Element("code", commands[i].Command).Text(commands[i].Status);
            h.Close("li");
        }
        h.Close("ul");
        h.Close("section");
    }

    private static IReadOnlyList<TableCell> Cells(SeedStudyLine line)
    {
        var text = SeedStudyTable.Cells(line);
        return text.Select((cell, i) => i is 1 or 2 or 4 or 5 or 8 or 9 ? new TableCell(cell) : TableCell.Of(cell)).ToList();
    }
}
