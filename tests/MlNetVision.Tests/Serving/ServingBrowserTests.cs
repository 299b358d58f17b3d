using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
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
        using var app = await AppProcess.StartAsync(fixture.Zip);
        using var driver = HeadlessChromium.Start();

        driver.Navigate().GoToUrl(app.Url);
        driver.FindElement(By.Id("file")).SendKeys(image);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60));
        var label = wait.Until(d => d.FindElement(By.Id("predicted-label")).Text is { Length: > 0 } text && text != "…" ? text : null);
        var naturalWidth = wait.Until(d =>
            ((IJavaScriptExecutor)d).ExecuteScript("const i = document.getElementById('preview'); return i.complete ? i.naturalWidth : null;"));
        HeadlessChromium.Screenshot(driver, folder.Path, "serving-page.png");

        Assert.Contains(label, ServingFixture.Classes);
        Assert.Equal(await app.PredictAsync(image), label);
        Assert.True(Convert.ToInt64(naturalWidth) > 0, "the uploaded image did not load on the page");
        Assert.Empty(HeadlessChromium.ConsoleErrors(driver));
    }

    /// <summary>The built serving app on a free localhost port; killed on dispose.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process process;
        private readonly HttpClient client;

        private AppProcess(Process process, string url)
        {
            this.process = process;
            Url = url;
            client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        }

        public string Url { get; }

        /// <summary>Starts the app on <paramref name="zip"/> and waits until <c>/healthz</c> answers.</summary>
        public static async Task<AppProcess> StartAsync(string zip)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { ServingProcess.AssemblyPath, "--model", zip, "--urls", $"http://127.0.0.1:{FreePort()}" })
                start.ArgumentList.Add(arg);
            var app = new AppProcess(Process.Start(start)!, start.ArgumentList[^1] + "/");
            var error = new System.Text.StringBuilder();
            app.process.ErrorDataReceived += (_, e) => { lock (error) error.AppendLine(e.Data); };
            app.process.BeginOutputReadLine();
            app.process.BeginErrorReadLine();
            for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline; await Task.Delay(200))
            {
                if (app.process.HasExited)
                {
                    var exit = app.process.ExitCode;
                    app.Dispose();
                    lock (error) throw new InvalidOperationException($"the serving app exited with {exit}: {error}");
                }
                try
                {
                    if ((await app.client.GetAsync("healthz")).StatusCode == HttpStatusCode.OK) return app;
                }
                catch (HttpRequestException) { }
            }
            app.Dispose();
            throw new TimeoutException("the serving app did not answer /healthz");
        }

        /// <summary>The label <c>POST /predict</c> gives for one image file.</summary>
        public async Task<string> PredictAsync(string image)
        {
            var part = new ByteArrayContent(File.ReadAllBytes(image));
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var content = new MultipartFormDataContent { { part, "image", Path.GetFileName(image) } };
            var response = await client.PostAsync("predict", content);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("predictions")[0].GetProperty("label").GetString()!;
        }

        public void Dispose()
        {
            client.Dispose();
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        /// <summary>A port the OS reports free now (a small race with other processes is accepted).</summary>
        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
