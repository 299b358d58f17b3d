using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>Reads <c>sbatch --parsable</c>'s answer: <c>JOBID</c> or <c>JOBID;CLUSTER</c>.</summary>
public static class SbatchOutput
{
    /// <summary>The job id in <paramref name="output"/>; an error quoting it when there is none.</summary>
    public static string JobId(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var id = line.Split(';')[0];
        if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new MlNetVisionException($"sbatch gave no job id: \"{output.Trim()}\"");
        return id;
    }
}
