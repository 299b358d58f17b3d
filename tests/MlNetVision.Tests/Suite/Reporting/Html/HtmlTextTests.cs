using MlNetVision.Suite.Reporting.Html;

namespace MlNetVision.Tests.Suite.Reporting.Html;

public class HtmlTextTests
{
    [Fact]
    public void Escape_MarkupAndQuotes_BecomeEntities()
    {
        Assert.Equal("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;", HtmlText.Escape("<script>alert(\"x\" & 'y')</script>"));
        Assert.Equal("", HtmlText.Escape(null));
    }

    [Fact]
    public void Builder_TextAndAttributes_AreEscapedAndNullAttributesLeftOut()
    {
        var html = new HtmlBuilder().Element("a", "<b>", ("href", "x\"onclick=\"y"), ("title", null)).ToString();

        Assert.Equal("<a href=\"x&quot;onclick=&quot;y\">&lt;b&gt;</a>\n", html);
    }

    [Fact]
    public void PngDataUri_OnlyBase64Pngs_BecomeDataUris()
    {
        var png = TestSupport.HandMadeRunFolder.Png(4, 10);

        Assert.StartsWith("data:image/png;base64,iVBOR", PngDataUri.From(png));
        Assert.Null(PngDataUri.From(Convert.ToBase64String("GIF89a-not-a-png"u8.ToArray())));
        Assert.Null(PngDataUri.From("\" onerror=\"alert(1)"));
        Assert.Null(PngDataUri.From(png + "\"><script>"));
    }

    [Fact]
    public void ChartAxis_LinearAndLog_HaveRoundTicksInsideTheRange()
    {
        var linear = ChartAxis.Fit("y", [0.53, 0.93]);
        var log = ChartAxis.Fit("x", [0.5, 30], log: true);
        var constant = ChartAxis.Fit("lr", [0.001, 0.001]);

        Assert.Equal([0.5, 0.6, 0.7, 0.8, 0.9, 1.0], linear.Ticks().Select(t => Math.Round(t, 6)));
        Assert.Contains(1.0, log.Ticks());
        Assert.Contains(10.0, log.Ticks());
        Assert.All(log.Ticks(), t => Assert.InRange(t, log.Min, log.Max));
        Assert.InRange(constant.Fraction(0.001), 0.4, 0.6);
    }
}
