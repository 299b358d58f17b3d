using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Runs the PyTorch peer's <c>throughput</c> mode for one case in a child process and reads its JSON line.
/// <paramref name="libraryPath"/>, when given, is put in front of the child's <c>LD_LIBRARY_PATH</c>: the folder of
/// an unpacked OpenBLAS, so that Debian's torch (linked to the reference BLAS) runs its matrix products on OpenBLAS
/// (see <c>../shared/peers/README.md</c>); the peer's <c>blas</c> field says which library it loaded.
/// </summary>
/// <param name="python">The interpreter with torch (Debian's <c>/usr/bin/python3</c>).</param>
/// <param name="script">The peer script.</param>
/// <param name="libraryPath">A folder for the child's <c>LD_LIBRARY_PATH</c>, or null.</param>
public sealed class PeerRunner(string python, string script, string? libraryPath = null)
{
    /// <summary>The environment variable the library path goes into.</summary>
    public const string LibraryPathVariable = "LD_LIBRARY_PATH";

    /// <summary>The command-line arguments after the interpreter.</summary>
    public static IReadOnlyList<string> Arguments(string script, string peerModel, BenchmarkCase c, int threads)
    {
        var arguments = new List<string>
        {
            script, "throughput", "--model", peerModel, "--image-size", Text(c.ImageSize), "--batch", Text(c.Batch),
            "--steps", Text(c.Steps), "--warmup", Text(c.Warmup), "--threads", Text(threads),
        };
        if (c.ChannelsLast) arguments.Add("--channels-last");
        if (c.Bf16) arguments.Add("--bf16");
        return arguments;
    }

    /// <summary>Runs <paramref name="peerModel"/> for <paramref name="c"/> with <paramref name="threads"/> threads; never throws for a failed peer.</summary>
    public PeerOutcome Run(string peerModel, BenchmarkCase c, int threads)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in Arguments(script, peerModel, c, threads)) start.ArgumentList.Add(argument);
        if (libraryPath is not null)
        {
            var inherited = Environment.GetEnvironmentVariable(LibraryPathVariable);
            start.Environment[LibraryPathVariable] = string.IsNullOrEmpty(inherited) ? libraryPath : $"{libraryPath}{Path.PathSeparator}{inherited}";
        }
        string stdout, stderr;
        int exitCode;
        try
        {
            using var process = Process.Start(start) ?? throw new Win32Exception($"{python} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            (stdout, stderr, exitCode) = (output.Result, error.Result, process.ExitCode);
        }
        catch (Win32Exception e)
        {
            return PeerOutcome.Failed($"could not start {python}: {e.Message}");
        }
        if (exitCode != 0) return PeerOutcome.Failed($"exit code {exitCode}: {LastLines(stderr, 3)}", stderr);
        try
        {
            var (result, line) = PeerResult.Parse(stdout);
            return PeerOutcome.Succeeded(result, line, stderr);
        }
        catch (FormatException e)
        {
            return PeerOutcome.Failed(e.Message, stderr);
        }
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output on standard error)" : string.Join(" | ", lines.TakeLast(count));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
