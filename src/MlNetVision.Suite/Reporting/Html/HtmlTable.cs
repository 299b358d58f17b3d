using System.Globalization;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// An HTML table with a header row; when sortable, the page's script sorts it by the clicked column (numbers by each
/// cell's <c>data-v</c>, text otherwise; a second click reverses).
/// </summary>
public static class HtmlTable
{
    /// <summary>Renders the table.</summary>
    /// <param name="id">The element id, or null.</param>
    /// <param name="headers">Column titles.</param>
    /// <param name="rows">The rows, each as many cells as there are headers.</param>
    /// <param name="sortable">Sort by a column on a click of its header.</param>
    public static string Render(string? id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<TableCell>> rows, bool sortable = true)
    {
        var h = new HtmlBuilder();
        h.Open("div", ("class", "table-scroll")).Open("table", ("id", id), ("class", sortable ? "sortable" : null)).Open("thead").Open("tr");
        foreach (var header in headers) h.Element("th", header, ("title", sortable ? "click to sort" : null));
        h.Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            h.Open("tr");
            foreach (var cell in row)
            {
                h.Open("td", ("class", cell.Class), ("title", cell.Title),
                    ("data-v", cell.SortValue is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null));
                if (cell.Href is not null) h.Element("a", cell.Text, ("href", cell.Href));
                else h.Text(cell.Text);
                h.Close("td");
            }
            h.Close("tr");
        }
        return h.Close("tbody").Close("table").Close("div").ToString();
    }
}
