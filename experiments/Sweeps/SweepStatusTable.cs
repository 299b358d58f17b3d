using System.Globalization;
using System.Text;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Sweeps;

/// <summary><c>sweep status FILE</c>: one row per task (index, id, state, attempt, host, start, time, accuracy) and the counts per state.</summary>
public static class SweepStatusTable
{
    /// <summary>The table of <paramref name="sweep"/>'s tasks, states by <paramref name="stateOf"/> (default <see cref="TaskStateProbe.StateOf"/>).</summary>
    public static string Render(SweepFile sweep, Func<TaskRecord?, string>? stateOf = null)
    {
        stateOf ??= TaskStateProbe.StateOf;
        var c = CultureInfo.InvariantCulture;
        var rows = new List<string[]> { new[] { "index", "id", "state", "attempt", "host", "started (UTC)", "time", "accuracy" } };
        var counts = TaskStates.All.ToDictionary(s => s, _ => 0);
        foreach (var task in sweep.Tasks)
        {
            var folder = sweep.TaskFolder(task);
            var record = TaskRecord.Read(folder);
            var state = stateOf(record);
            counts[state] = counts.GetValueOrDefault(state) + 1;
            var time = record is null ? "" : Durations.Format(((record.EndedUtc ?? DateTime.UtcNow) - record.StartedUtc).TotalSeconds);
            var report = Path.Combine(folder, Running.RunFolder.ReportFile);
            var accuracy = state == TaskStates.Done && File.Exists(report) ? ReportJson.Read(report).Metrics.Accuracy.ToString("0.0000", c) : "";
            rows.Add([task.Index.ToString(c), task.Id, state, record?.Attempt.ToString(c) ?? "", record is null ? "" : $"{record.Host}:{record.Pid}",
                record?.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", c) ?? "", time, accuracy]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var s = new StringBuilder();
        s.AppendLine($"sweep {sweep.Name}: {sweep.Tasks.Count} tasks in {sweep.Output}");
        foreach (var row in rows) s.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        s.AppendLine(string.Join(", ", counts.Where(x => x.Value > 0 || TaskStates.All.Contains(x.Key)).Select(x => $"{x.Value} {x.Key}")));
        return s.ToString();
    }
}
