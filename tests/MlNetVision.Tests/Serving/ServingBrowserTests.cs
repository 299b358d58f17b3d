using System.Net.Http.Headers;
using System.Text.Json;
using MlNetVision.Suite.Benchmarks;
using MlNetVision.Tests.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace MlNetVision.Tests.Serving;

/// <summary>The serving app started as its own process and driven by headless Debian chromium through chromedriver:
/// upload a PNG on <c>/</c>, read the predicted label, screenshot the page (kept in <c>$MLNETVISION_SCREENSHOTS</c> when
/// set) — see <see cref="HeadlessChromium"/>.</summary>
[Trait("Category", "Slow")]
public class ServingBrowserTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    [Fact]
    public async Task Page_UploadPng_ShowsTheImageAndTheLabelOfPredict()
    {
        var image = fixture.TestImages[0];
        using var folder = new TempFolder();
        using var app = await ServingAppProcess.StartAsync(ServingProcess.AssemblyPath, fixture.Zip);   // stopped by SIGTERM: no temp files left
        using var driver = HeadlessChromium.Start();

        driver.Navigate().GoToUrl(app.Url.ToString());
        driver.FindElement(By.Id("file")).SendKeys(image);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60));
        var label = wait.Until(d => d.FindElement(By.Id("predicted-label")).Text is { Length: > 0 } text && text != "…" ? text : null);
        var naturalWidth = wait.Until(d =>
            ((IJavaScriptExecutor)d).ExecuteScript("const i = document.getElementById('preview'); return i.complete ? i.naturalWidth : null;"));
        HeadlessChromium.Screenshot(driver, folder.Path, "serving-page.png");

        Assert.Contains(label, ServingFixture.Classes);
        Assert.Equal(await PredictAsync(app, image), label);
        Assert.True(Convert.ToInt64(naturalWidth) > 0, "the uploaded image did not load on the page");
        Assert.Empty(HeadlessChromium.ConsoleErrors(driver));
    }

    /// <summary>The label <c>POST /predict</c> on <paramref name="app"/> gives for one image file.</summary>
    private static async Task<string> PredictAsync(ServingAppProcess app, string image)
    {
        using var client = new HttpClient { BaseAddress = app.Url, Timeout = TimeSpan.FromSeconds(30) };
        var part = new ByteArrayContent(File.ReadAllBytes(image));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var content = new MultipartFormDataContent { { part, "image", Path.GetFileName(image) } };
        var response = await client.PostAsync("predict", content);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("predictions")[0].GetProperty("label").GetString()!;
    }
}
