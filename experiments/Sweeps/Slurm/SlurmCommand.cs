using System.Diagnostics;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>One run of a Slurm client command (sbatch, squeue, sacct, scontrol), found on PATH; a missing one is an error naming it.</summary>
public static class SlurmCommand
{
    /// <summary>The result of one command: exit code, standard output and standard error.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>True when <paramref name="name"/> is on PATH.</summary>
    public static bool Exists(string name) => ExecutableSearch.Find(name) is not null;

    /// <summary>The error of a Slurm command missing from PATH, naming it.</summary>
    public static MlNetVisionException Missing(string name) => new(
        $"{name} was not found on PATH: the Slurm executor needs Slurm's client commands (sbatch, squeue, scontrol); run it on a Slurm login node, or use --executor local.");

    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/>; throws when the command is not on PATH.</summary>
    public static Result Run(string name, params string[] arguments)
    {
        var path = ExecutableSearch.Find(name) ?? throw Missing(name);
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
