namespace MlNetVision.Suite.Reporting.Html;

/// <summary>The pages' stylesheet and script, embedded resources of this assembly (<c>Html/report.css</c>, <c>Html/report.js</c>).</summary>
public static class HtmlAssets
{
    /// <summary>The stylesheet, inlined into every page.</summary>
    public static string Css { get; } = Read("report.css");

    /// <summary>The script (tooltips over chart points and heat-map cells, sortable tables), inlined into every page.</summary>
    public static string Script { get; } = Read("report.js");

    private static string Read(string name)
    {
        var assembly = typeof(HtmlAssets).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
