using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// The serving app (<c>MlNetVision.Serving.dll</c>) run with <c>dotnet</c> as a child process on a free localhost
/// port; disposing it stops the process the way a service manager does (SIGTERM, then a kill after
/// <see cref="StopTimeout"/>), so that the app's shutdown deletes ML.NET's temporary ONNX copy and its upload folder.
/// </summary>
public sealed class ServingAppProcess : IDisposable
{
    /// <summary>How long a stopping app may take to shut down before it is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private const int SigTerm = 15;

    private readonly Process process;
    private readonly StringBuilder errors = new();

    private ServingAppProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The app's base address, ending in a slash.</summary>
    public Uri Url { get; }

    /// <summary>The child process's id (its resident memory is the app's).</summary>
    public int Pid => process.Id;

    /// <summary>Whether the app has exited (it is never restarted: a later answer would come from another process).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The app's exit code once it has exited, else null.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>Starts the app on <paramref name="zip"/> and waits until <c>GET /healthz</c> answers 200.</summary>
    /// <exception cref="InvalidOperationException">The app exited first (its stderr is in the message).</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/> (default two minutes).</exception>
    public static async Task<ServingAppProcess> StartAsync(string appDll, string zip, TimeSpan? timeout = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { appDll, "--model", zip, "--urls", url }) start.ArgumentList.Add(arg);
        var app = new ServingAppProcess(Process.Start(start)!, new Uri(url + "/"));
        using var client = new HttpClient { BaseAddress = app.Url, Timeout = TimeSpan.FromSeconds(10) };
        for (var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2)); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (app.process.HasExited)
            {
                app.process.WaitForExit();
                var message = $"the serving app exited with {app.process.ExitCode}: {app.Errors().Trim()}";
                app.Dispose();
                throw new InvalidOperationException(message);
            }
            try
            {
                using var response = await client.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        app.Dispose();
        throw new TimeoutException($"the serving app did not answer {url}/healthz");
    }

    /// <summary>What the app wrote to stderr so far.</summary>
    public string Errors()
    {
        lock (errors) return errors.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the app: SIGTERM and a wait for its graceful shutdown (on Linux and macOS), else or after
    /// <see cref="StopTimeout"/> a kill of it and its children.</summary>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            bool signalled = (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Kill(process.Id, SigTerm) == 0;
            if (!signalled || !process.WaitForExit(StopTimeout)) process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        process.Dispose();
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for this one call
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
