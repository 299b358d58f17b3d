using MlNetVision.Suite.Reporting.Artifacts;
namespace MlNetVision.Suite.Reporting.Html;

/// <summary>The confusion matrix heat map (from <c>predictions.json</c> when present, else the report's counts) and the per-class table.</summary>
public static class ConfusionSection
{
    /// <summary>Appends the section.</summary>
    public static void Append(HtmlBuilder h, RunPageInput input)
    {
        var m = input.Report.Metrics;
        var predictions = input.Artifacts.Predictions;
        bool fromPredictions = predictions is not null && predictions.Classes.Count == m.Classes.Count && predictions.Items.Count > 0;
        h.Open("section", ("id", "confusion")).Element("h2", "Confusion matrix");
        h.Element("p", (fromPredictions ? $"From predictions.json ({predictions!.Items.Count:N0} test images)" : "From report.json") +
                       ": rows are the true classes, columns the predicted ones; each cell has the count and the fraction of its row. Hover for details.",
            ("class", "note"));
        h.Raw(ConfusionHeatMap.Render("confusion-matrix", m.Classes, fromPredictions ? predictions!.ConfusionMatrix() : m.ConfusionMatrix));
        h.Close("section");

        h.Open("section", ("id", "per-class")).Element("h2", "Per-class precision, recall and F1");
        h.Raw(HtmlTable.Render("per-class-table", ["class", "precision", "recall", "F1", "support"],
            m.PerClass.Select(c => (IReadOnlyList<TableCell>)[TableCell.Of(c.Class), TableCell.Of(c.Precision), TableCell.Of(c.Recall), TableCell.Of(c.F1), TableCell.Of(c.Support, "N0")])));
        h.Close("section");
    }
}
