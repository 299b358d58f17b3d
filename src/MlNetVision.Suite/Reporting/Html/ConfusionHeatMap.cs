namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// A confusion matrix as an HTML heat map: rows are true classes, columns predicted ones; each cell shows the count and
/// the row-normalised rate, is shaded by the rate, and has a tooltip naming both classes.
/// </summary>
public static class ConfusionHeatMap
{
    /// <summary>Renders <paramref name="counts"/> ([true][predicted]) with <paramref name="classes"/> as labels.</summary>
    public static string Render(string id, IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<long>> counts)
    {
        var h = new HtmlBuilder();
        h.Open("table", ("id", id), ("class", "heatmap")).Open("thead").Open("tr").Element("th", "true \\ predicted", ("class", "axis"));
        foreach (var name in classes) h.Element("th", name);
        h.Close("tr").Close("thead").Open("tbody");
        for (int t = 0; t < counts.Count; t++)
        {
            long total = counts[t].Sum();
            h.Open("tr").Element("th", classes[t], ("class", "text"));
            for (int p = 0; p < counts[t].Count; p++)
            {
                long n = counts[t][p];
                double rate = total > 0 ? (double)n / total : 0;
                var tip = $"true {classes[t]}, predicted {classes[p]}: {n:N0} of {total:N0} ({HtmlText.Number(rate * 100, "0.0")} %)";
                h.Open("td", ("style", Shade(rate, t == p)), ("data-tip", tip), ("data-v", n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .Text(n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
                    .Element("span", HtmlText.Number(rate, "0.00"), ("class", "rate"))
                    .Close("td");
            }
            h.Close("tr");
        }
        return h.Close("tbody").Close("table").ToString();
    }

    /// <summary>A background from white (0) to deep blue (1) on the diagonal, deep red off it; white text on dark cells.</summary>
    private static string Shade(double rate, bool diagonal)
    {
        double a = Math.Clamp(rate, 0, 1);
        string color = diagonal ? $"rgba(47,111,219,{HtmlText.Number(a, "0.00")})" : $"rgba(192,57,43,{HtmlText.Number(Math.Min(1, a * 2), "0.00")})";
        return $"background:{color};color:{((diagonal ? a : a * 2) > 0.55 ? "#fff" : "inherit")}";
    }
}
