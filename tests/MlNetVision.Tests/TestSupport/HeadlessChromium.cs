using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// Headless Debian chromium through chromedriver at fixed paths (so Selenium Manager has nothing to look up or download),
/// installed when missing (as root, with apt-get; .ci/run does too); without it a test fails, never skips. Screenshots are
/// kept in <c>$MLNETVISION_SCREENSHOTS</c> when set.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>chromedriver's Debian path.</summary>
    public const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>chromium's Debian path.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Installs chromium and chromedriver if missing, then starts a headless browser with its console log recorded; its
    /// temporary files go when it is disposed (<see cref="HeadlessBrowser"/>).
    /// </summary>
    public static HeadlessBrowser Start(int width = 1000, int height = 800)
    {
        DebianPackages.EnsureInstalled(ChromeDriver, "chromium", "chromium-driver");
        Assert.True(File.Exists(ChromeDriver) && File.Exists(Chromium),
            $"{ChromeDriver} and {Chromium} are needed: apt-get install chromium chromium-driver");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--window-size={width},{height}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        return HeadlessBrowser.Start(service, options);
    }

    /// <summary>The browser console's errors (SEVERE entries: script errors, failed loads, CSP refusals).</summary>
    public static IReadOnlyList<string> ConsoleErrors(IWebDriver driver) =>
        driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level == LogLevel.Severe).Select(e => e.Message).ToList();

    /// <summary>Saves a screenshot as <paramref name="name"/> in <paramref name="folder"/>, and a copy in <c>$MLNETVISION_SCREENSHOTS</c>
    /// when set; checks it is a PNG; returns its path.</summary>
    public static string Screenshot(IWebDriver driver, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        if (Environment.GetEnvironmentVariable("MLNETVISION_SCREENSHOTS") is { Length: > 0 } keep)   // to look at it yourself
            File.Copy(path, Path.Combine(Directory.CreateDirectory(keep).FullName, name), overwrite: true);
        var png = File.ReadAllBytes(path);
        Assert.True(png.Length > PngSignature.Length && png.AsSpan(0, PngSignature.Length).SequenceEqual(PngSignature), "the screenshot is not a PNG");
        return path;
    }
}
