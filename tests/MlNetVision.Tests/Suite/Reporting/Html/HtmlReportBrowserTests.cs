using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Html;
using MlNetVision.Tests.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace MlNetVision.Tests.Suite.Reporting.Html;

/// <summary>
/// <c>report.html</c> and <c>comparison.html</c> opened from disk (<c>file://</c>) in headless Debian chromium
/// (<see cref="HeadlessChromium"/>): no console errors, nothing fetched but <c>data:</c> images, every image decoded, the
/// charts and the gallery there, a tooltip on hovering a chart point, tables that sort on a click. Screenshots go to
/// <c>$MLNETVISION_SCREENSHOTS</c> when set.
/// </summary>
[Trait("Category", "Slow")]
public class HtmlReportBrowserTests
{
    [Fact]
    public void RunReport_FromDisk_LoadsEverythingShowsTooltipsAndSorts()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Combine("run"));
        var page = RunReportPage.Write(temp.Combine("run"));
        using var driver = HeadlessChromium.Start(1200, 2400);

        Open(driver, page);

        Assert.Equal(3, driver.FindElements(By.CssSelector("svg.chart")).Count);
        Assert.All(driver.FindElements(By.CssSelector("svg.chart")), chart => Assert.NotEmpty(chart.FindElements(By.CssSelector("circle.pt"))));
        Assert.Equal(HandMadeRunFolder.GalleryImages, driver.FindElements(By.CssSelector("#gallery figure.thumb img")).Count);
        Assert.Equal(2 * 4, driver.FindElements(By.CssSelector("#augmentation img")).Count);
        Assert.Equal(4, driver.FindElements(By.CssSelector("#confusion-matrix td")).Count);
        AllImagesDecoded(driver, HandMadeRunFolder.GalleryImages + 2 * 4);

        var tooltip = Hover(driver, driver.FindElements(By.CssSelector("#chart-loss circle.pt"))[1]);
        Assert.Equal("training loss\nepoch 2: 0.8000", tooltip);
        Assert.Contains("true cat, predicted dog: 2 of 10", Hover(driver, driver.FindElements(By.CssSelector("#confusion-matrix td"))[1]));

        var header = driver.FindElement(By.CssSelector("#per-class-table th"));
        header.Click();
        Assert.Equal(["cat", "dog"], FirstColumn(driver, "per-class-table"));
        header.Click();
        Assert.Equal(["dog", "cat"], FirstColumn(driver, "per-class-table"));

        HeadlessChromium.Screenshot(driver, temp.Path, "report-page.png");
        NothingFetchedNoErrors(driver);
    }

    [Fact]
    public void ComparisonPage_FromDisk_SortsRunsShowsScatterTooltipsAndLinksEachRunsPage()
    {
        using var temp = new TempFolder();
        HandMadeRunFolder.Write(temp.Combine("runs", "plain"), HandMadeReports.Create("plain", 0.7));
        HandMadeRunFolder.Write(temp.Combine("runs", "augmented"), HandMadeReports.Create("augmented", 0.8, augmentation: "flip", trainSeconds: 300));
        RunReportFolders.Write(temp.Combine("runs"));
        Comparison.Write(Comparison.LoadRuns([temp.Combine("runs")]), temp.Combine("comparison"));
        using var driver = HeadlessChromium.Start(1200, 1600);

        Open(driver, temp.Combine("comparison", "comparison.html"));

        Assert.Equal(["augmented", "plain"], FirstColumn(driver, "runs-table"));   // in path order
        var accuracy = driver.FindElements(By.CssSelector("#runs-table th")).Single(th => th.Text.StartsWith("accuracy"));
        accuracy.Click();
        Assert.Equal(["plain", "augmented"], FirstColumn(driver, "runs-table"));
        accuracy.Click();
        Assert.Equal(["augmented", "plain"], FirstColumn(driver, "runs-table"));

        var points = driver.FindElements(By.CssSelector("#chart-accuracy-vs-time circle.pt"));
        Assert.Equal(2, points.Count);
        Assert.Contains("augmented\naccuracy 0.8000\ntraining 5.0 min", points.Select(p => Hover(driver, p)));
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#chart-accuracy circle.pt")));

        var links = driver.FindElements(By.CssSelector("#run-reports a")).Select(a => new Uri(a.GetAttribute("href")!).LocalPath).ToList();
        Assert.Equal([temp.Combine("runs", "augmented", "report.html"), temp.Combine("runs", "plain", "report.html")], links);
        Assert.All(links, link => Assert.True(File.Exists(link), link));

        HeadlessChromium.Screenshot(driver, temp.Path, "comparison-page.png");
        NothingFetchedNoErrors(driver);
    }

    private static void Open(IWebDriver driver, string path)
    {
        driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(d => Script(d, "return document.readyState") as string == "complete");
    }

    /// <summary>Moves the mouse onto <paramref name="element"/> and returns the tooltip's text (fails when it does not show).</summary>
    private static string Hover(IWebDriver driver, IWebElement element)
    {
        new Actions(driver).MoveToElement(element).Perform();
        var tooltip = driver.FindElement(By.Id("tooltip"));
        new WebDriverWait(driver, TimeSpan.FromSeconds(5)).Until(_ => tooltip.Displayed);
        return Script(driver, "return document.getElementById('tooltip').textContent") as string ?? "";
    }

    private static List<string> FirstColumn(IWebDriver driver, string table) =>
        driver.FindElements(By.CssSelector($"#{table} tbody tr td:first-child")).Select(td => td.Text).ToList();

    private static void AllImagesDecoded(IWebDriver driver, int expected)
    {
        var widths = ((IReadOnlyCollection<object>)Script(driver, "return Array.from(document.images).map(i => i.complete ? i.naturalWidth : -1);")!)
            .Select(Convert.ToInt64).ToList();
        Assert.Equal(expected, widths.Count);
        Assert.All(widths, w => Assert.True(w > 0, "an image did not load"));
    }

    /// <summary>No console errors (failed loads and CSP refusals are errors there too), and no resource fetched but <c>data:</c> URIs.</summary>
    private static void NothingFetchedNoErrors(IWebDriver driver)
    {
        Assert.Empty(HeadlessChromium.ConsoleErrors(driver));
        var fetched = ((IReadOnlyCollection<object>)Script(driver, "return performance.getEntriesByType('resource').map(e => e.name);")!).Cast<string>().ToList();
        Assert.All(fetched, name => Assert.StartsWith("data:", name));
    }

    private static object? Script(IWebDriver driver, string script) => ((IJavaScriptExecutor)driver).ExecuteScript(script);
}
