using System.Diagnostics;

namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// A real single-node Slurm for the tests of one collection: installs <c>slurm-wlm munge</c> from Debian when missing
/// (as root; .ci/run does too), writes a <c>slurm.conf</c> for this host into a fresh folder under /tmp (cons_tres,
/// CR_Core, no accounting, proctrack/linuxproc), starts munged (unless running), slurmctld and slurmd by hand (PID 1 need
/// not be systemd) and waits for the node to be idle. <c>SLURM_CONF</c> points this process and its children (the CLI,
/// sbatch, the jobs) at it. Dispose cancels every job, waits for them to leave, shuts the daemons down (munged too when
/// it was started here) and deletes the folder.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    /// <summary>The partition of the test cluster (the default one).</summary>
    public const string Partition = "ci";

    private readonly string? _oldConf = Environment.GetEnvironmentVariable("SLURM_CONF");
    private readonly bool _startedMunge;

    public SlurmCluster()
    {
        DebianPackages.EnsureInstalled("/usr/sbin/slurmctld", "slurm-wlm", "munge");
        Assert.True(File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/slurmd") && File.Exists("/usr/sbin/munged"),
            "Slurm is needed: apt-get install slurm-wlm munge (as root)");
        Folder = Path.Combine(Path.GetTempPath(), $"mlnetvision-slurm-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Folder, "state"));
        Directory.CreateDirectory(Path.Combine(Folder, "spool"));
        Node = System.Net.Dns.GetHostName().Split('.')[0];
        ConfigPath = Path.Combine(Folder, "slurm.conf");
        File.WriteAllText(ConfigPath, SlurmConfig.For(Node, Folder, Environment.ProcessorCount, SlurmConfig.MemoryMegabytes(), Partition, SlurmConfig.FreePort(), SlurmConfig.FreePort()));
        Run("chown", "-R", "slurm:slurm", Folder);
        Environment.SetEnvironmentVariable("SLURM_CONF", ConfigPath);

        if (!MungeRunning())
        {
            Run("service", "munge", "start");
            _startedMunge = true;
        }
        Run("/usr/sbin/slurmctld", "-f", ConfigPath);
        Run("/usr/sbin/slurmd", "-f", ConfigPath);
        WaitUntil(() => DaemonRunning("slurmctld") && DaemonRunning("slurmd"), TimeSpan.FromSeconds(30), $"slurmctld and slurmd to start (logs in {Folder})");
        WaitUntil(() => Run("sinfo", "-h", "-o", "%T").Trim() == "idle", TimeSpan.FromSeconds(60), "the Slurm node to be idle");
    }

    /// <summary>The folder of the configuration, state, spool and logs.</summary>
    public string Folder { get; }

    /// <summary>This host's short name, the node's name.</summary>
    public string Node { get; }

    /// <summary>The <c>slurm.conf</c> written for this host.</summary>
    public string ConfigPath { get; }

    /// <summary>Runs a command and returns its standard output; fails the test when it exits non-zero.</summary>
    public static string Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: exit code {process.ExitCode}\n{error.Result}");
        return output.Result;
    }

    /// <summary>Polls <paramref name="done"/> every 200 ms; fails the test after <paramref name="timeout"/>.</summary>
    public static void WaitUntil(Func<bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < timeout, $"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            Thread.Sleep(200);
        }
    }

    /// <summary>The jobs the queue still holds (any state).</summary>
    public static int QueuedJobs() => Run("squeue", "-h", "-r", "-o", "%i").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    public void Dispose()
    {
        try
        {
            TryRun("scancel", "--partition", Partition);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && TryRun("squeue", "-h", "-o", "%i").Trim().Length > 0) Thread.Sleep(200);
            TryRun("scontrol", "shutdown");
            foreach (var daemon in new[] { "slurmctld", "slurmd" }) StopDaemon(Path.Combine(Folder, $"{daemon}.pid"));
            if (_startedMunge) TryRun("service", "munge", "stop");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SLURM_CONF", _oldConf);
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool MungeRunning() =>
        Directory.EnumerateDirectories("/proc").Any(d => File.Exists(Path.Combine(d, "comm")) && SafeRead(Path.Combine(d, "comm")).Trim() == "munged");

    private bool DaemonRunning(string daemon)
    {
        var pidFile = Path.Combine(Folder, $"{daemon}.pid");
        return File.Exists(pidFile) && int.TryParse(SafeRead(pidFile).Trim(), out var pid) && Alive(pid);
    }

    // A daemon that exited may linger as a zombie until PID 1 reaps it: that counts as gone.
    private static bool Alive(int pid) => SafeRead($"/proc/{pid}/stat") is { Length: > 0 } stat && stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';

    private static void StopDaemon(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(SafeRead(pidFile).Trim(), out var pid)) return;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15) && Alive(pid)) Thread.Sleep(100);
        if (Alive(pid)) TryRun("kill", "-KILL", pid.ToString());
    }

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; }
    }

    private static string TryRun(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
        return output.Result;
    }
}
