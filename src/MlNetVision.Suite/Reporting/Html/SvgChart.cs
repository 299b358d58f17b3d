using System.Text;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// An inline SVG chart: title, grid, axes with ticks, a legend, and the series as lines and/or points. Every point is a
/// <c>circle.pt</c> with a <c>data-tip</c> the page's script shows on hover. <see cref="LineChart"/> and
/// <see cref="ScatterChart"/> are the two uses.
/// </summary>
public static class SvgChart
{
    /// <summary>Series colours, in order (colour-blind-safe Tableau 10).</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private const int Width = 560, Height = 320, Left = 60, Top = 30, Bottom = 46;

    /// <summary>Renders the chart.</summary>
    /// <param name="id">The element id (tests and links find the chart by it).</param>
    /// <param name="title">The title above the plot.</param>
    /// <param name="x">The horizontal axis.</param>
    /// <param name="y">The vertical axis.</param>
    /// <param name="series">The series.</param>
    /// <param name="lines">Join each series' points with a line.</param>
    public static string Render(string id, string title, ChartAxis x, ChartAxis y, IReadOnlyList<ChartSeries> series, bool lines)
    {
        bool legend = series.Count > 1 || (series.Count == 1 && lines);
        int right = legend ? 170 : 24;
        double plotWidth = Width - Left - right, plotHeight = Height - Top - Bottom;
        string X(double v) => HtmlText.Number(Left + x.Fraction(v) * plotWidth, "0.#");
        string Y(double v) => HtmlText.Number(Top + (1 - y.Fraction(v)) * plotHeight, "0.#");
        var s = new StringBuilder();
        s.Append($"<svg class=\"chart\" id=\"{HtmlText.Escape(id)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{HtmlText.Escape(title)}\">\n");
        s.Append($"<text class=\"title\" x=\"{Left}\" y=\"18\">{HtmlText.Escape(title)}</text>\n");
        foreach (var t in x.Ticks())
            s.Append($"<line class=\"grid\" x1=\"{X(t)}\" x2=\"{X(t)}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\"/><text x=\"{X(t)}\" y=\"{Top + plotHeight + 14}\" text-anchor=\"middle\">{HtmlText.Escape(x.Format(t))}</text>\n");
        foreach (var t in y.Ticks())
            s.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Y(t)}\" y2=\"{Y(t)}\"/><text x=\"{Left - 4}\" y=\"{Y(t)}\" dy=\"3\" text-anchor=\"end\">{HtmlText.Escape(y.Format(t))}</text>\n");
        s.Append($"<rect class=\"axis\" x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\"/>\n");
        s.Append($"<text x=\"{HtmlText.Number(Left + plotWidth / 2, "0")}\" y=\"{Height - 8}\" text-anchor=\"middle\">{HtmlText.Escape(x.Title)}</text>\n");
        s.Append($"<text transform=\"translate(14 {HtmlText.Number(Top + plotHeight / 2, "0")}) rotate(-90)\" text-anchor=\"middle\">{HtmlText.Escape(y.Title)}</text>\n");
        for (int i = 0; i < series.Count; i++)
        {
            var color = Palette[i % Palette.Count];
            var points = series[i].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            s.Append($"<g class=\"series\" data-series=\"{HtmlText.Escape(series[i].Name)}\">");
            if (lines && points.Count > 1)
                s.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => $"{X(p.X)},{Y(p.Y)}"))}\"/>");
            foreach (var p in points)
            {
                s.Append($"<circle class=\"pt\" cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"{(lines ? 4 : 6)}\" fill=\"{color}\" data-tip=\"{HtmlText.Escape(p.Tip)}\"/>");
                if (p.Label is not null)
                    s.Append($"<text x=\"{X(p.X)}\" y=\"{Y(p.Y)}\" dx=\"8\" dy=\"-6\">{HtmlText.Escape(p.Label)}</text>");
            }
            s.Append("</g>\n");
            if (legend)
            {
                int ly = Top + 6 + i * 16;
                string name = series[i].Name.Length > 24 ? series[i].Name[..23] + "…" : series[i].Name;
                s.Append($"<rect x=\"{Width - right + 12}\" y=\"{ly}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{Width - right + 26}\" y=\"{ly + 9}\">{HtmlText.Escape(name)}</text>\n");
            }
        }
        s.Append("</svg>\n");
        return s.ToString();
    }
}
