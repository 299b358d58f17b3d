namespace MlNetVision.Serving;

/// <summary>The one HTML page (<c>GET /</c>), an embedded resource with inline CSS and script and no external assets.</summary>
public static class IndexPage
{
    /// <summary>The page.</summary>
    public static string Html { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(IndexPage).Assembly.GetManifestResourceStream("MlNetVision.Serving.index.html")
            ?? throw new InvalidOperationException("the embedded index.html is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
