using OpenQA.Selenium.Chrome;

namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// A chromedriver session whose driver and browser keep their temporary files (chromium's
/// <c>org.chromium.Chromium.*</c> singleton folders, which it leaves behind in <c>$TMPDIR</c>) in a folder of their own,
/// deleted when the session is disposed.
/// </summary>
public sealed class HeadlessBrowser : ChromeDriver
{
    private readonly TempFolder _temp;

    private HeadlessBrowser(ChromeDriverService service, ChromeOptions options, TempFolder temp)
        : base(service, options, TimeSpan.FromMinutes(2)) => _temp = temp;

    /// <summary>Starts chromedriver (and through it the browser) with <c>TMPDIR</c> pointing at a fresh temporary folder.</summary>
    public static HeadlessBrowser Start(ChromeDriverService service, ChromeOptions options)
    {
        var temp = new TempFolder();
        service.DriverProcessStarting += (_, e) => e.DriverServiceProcessStartInfo.Environment["TMPDIR"] = temp.Path;
        try
        {
            return new HeadlessBrowser(service, options, temp);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _temp.Dispose();
    }
}
