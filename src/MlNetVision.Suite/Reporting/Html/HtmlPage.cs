using System.Text;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// A whole, self-contained page: doctype, charset, title, the inline stylesheet, the body, the inline script. Nothing is
/// fetched: no external stylesheet, script, font or image (images are <c>data:</c> URIs), so the file opens from disk
/// offline in any browser. A restrictive Content-Security-Policy says so to the browser too.
/// </summary>
public static class HtmlPage
{
    /// <summary>The Content-Security-Policy: inline style and script, <c>data:</c> images, nothing else.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

    /// <summary>The page with <paramref name="title"/> and <paramref name="body"/> (markup from <see cref="HtmlBuilder"/>).</summary>
    public static string Render(string title, string body)
    {
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        s.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(HtmlText.Escape(ContentSecurityPolicy)).Append("\">\n");
        s.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        s.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n");
        s.Append("<style>\n").Append(HtmlAssets.Css).Append("</style>\n</head>\n<body>\n");
        s.Append(body);
        s.Append("<div id=\"tooltip\" role=\"tooltip\" hidden></div>\n");
        s.Append("<script>\n").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return s.ToString();
    }
}
