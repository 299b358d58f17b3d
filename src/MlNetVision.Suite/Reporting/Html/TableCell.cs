namespace MlNetVision.Suite.Reporting.Html;

/// <summary>A cell of an HTML table.</summary>
/// <param name="Text">The shown text (escaped when written).</param>
/// <param name="SortValue">The value a sortable table sorts numbers by; null sorts by <paramref name="Text"/>.</param>
/// <param name="Href">A link target, or null.</param>
/// <param name="Class">A CSS class (<c>text</c> aligns left), or null.</param>
/// <param name="Title">A hover title, or null.</param>
public sealed record TableCell(string Text, double? SortValue = null, string? Href = null, string? Class = null, string? Title = null)
{
    /// <summary>A left-aligned text cell.</summary>
    public static TableCell Of(string text, string? href = null, string? title = null) => new(text, null, href, "text", title);

    /// <summary>A number cell shown in <paramref name="format"/> that sorts by its value.</summary>
    public static TableCell Of(double value, string format = "0.0000") => new(HtmlText.Number(value, format), value);
}
