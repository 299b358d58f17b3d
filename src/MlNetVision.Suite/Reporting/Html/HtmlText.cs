using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>Escaping of text and attribute values for HTML and inline SVG, and invariant number formatting.</summary>
public static class HtmlText
{
    /// <summary><paramref name="text"/> with <c>&amp; &lt; &gt; " '</c> replaced by entities: safe as element text and as a quoted attribute value.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            s.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        return s.ToString();
    }

    /// <summary><paramref name="value"/> in <paramref name="format"/>, invariant culture.</summary>
    public static string Number(double value, string format = "0.0000") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary><paramref name="value"/> in <paramref name="format"/>, or an en dash when null.</summary>
    public static string Number(double? value, string format = "0.0000") => value is { } v ? Number(v, format) : "–";
}
