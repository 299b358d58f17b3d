using System.Text;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// Appends HTML: elements with escaped text and attributes, and trusted markup from the other builders (charts, tables).
/// Text given to <see cref="Element"/>, <see cref="Text"/> and attribute values is always escaped.
/// </summary>
public sealed class HtmlBuilder
{
    private readonly StringBuilder s = new();

    /// <summary>Opens <paramref name="tag"/> with <paramref name="attributes"/> (a null value leaves the attribute out).</summary>
    public HtmlBuilder Open(string tag, params (string Name, string? Value)[] attributes)
    {
        s.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
            if (value is not null) s.Append(' ').Append(name).Append("=\"").Append(HtmlText.Escape(value)).Append('"');
        s.Append('>');
        return this;
    }

    /// <summary>Closes <paramref name="tag"/>.</summary>
    public HtmlBuilder Close(string tag)
    {
        s.Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary><c>&lt;tag …&gt;text&lt;/tag&gt;</c> with the text escaped.</summary>
    public HtmlBuilder Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>Escaped text.</summary>
    public HtmlBuilder Text(string? text)
    {
        s.Append(HtmlText.Escape(text));
        return this;
    }

    /// <summary>Markup appended as it is: only for output of the builders in this namespace.</summary>
    public HtmlBuilder Raw(string markup)
    {
        s.Append(markup);
        return this;
    }

    /// <summary>The HTML so far.</summary>
    public override string ToString() => s.ToString();
}
