namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>
/// Reads <c>squeue -h -r -o "%i|%T|%r"</c> (one line per array element: <c>123_4|RUNNING|None</c>) and
/// <c>sacct -n -P -X -o JobID,State,ExitCode</c> (<c>123_4|COMPLETED|0:0</c>) into states per task index of one array job.
/// </summary>
public static class SqueueOutput
{
    /// <summary>The states of array job <paramref name="arrayJobId"/>'s elements by index; ranges such as <c>123_[2-5%2]</c> are expanded.</summary>
    public static IReadOnlyDictionary<int, SlurmTaskState> Parse(string output, string arrayJobId)
    {
        var states = new SortedDictionary<int, SlurmTaskState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length < 2 || !fields[0].StartsWith(arrayJobId + "_", StringComparison.Ordinal)) continue;
            var element = fields[0][(arrayJobId.Length + 1)..];
            var reason = fields.Length > 2 ? fields[2] : "";
            foreach (var index in Indices(element))
                states[index] = new SlurmTaskState(index, $"{arrayJobId}_{index}", fields[1].Split(' ')[0], reason);
        }
        return states;
    }

    private static IEnumerable<int> Indices(string element)
    {
        if (int.TryParse(element, out var single)) { yield return single; yield break; }
        if (!element.StartsWith('[')) yield break;
        var inside = element.Trim('[', ']').Split('%')[0];
        foreach (var part in inside.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (!int.TryParse(bounds[0], out var first)) continue;
            var last = bounds.Length > 1 && int.TryParse(bounds[1], out var l) ? l : first;
            for (var i = first; i <= last; i++) yield return i;
        }
    }
}
