using System.Text.Json;
using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// A task's state, <c>&lt;output&gt;/tasks/&lt;id&gt;/task.json</c>, written atomically by <c>sweep task</c> when it starts
/// (<see cref="TaskStates.Running"/>) and when it ends (<see cref="TaskStates.Done"/>, <see cref="TaskStates.Failed"/>,
/// <see cref="TaskStates.Interrupted"/>).
/// </summary>
public sealed record TaskRecord
{
    /// <summary>The file's name in the task folder.</summary>
    public const string FileName = "task.json";

    /// <summary>The format's version.</summary>
    public int SchemaVersion { get; init; } = 1;
    /// <summary>The task's id (its folder's name).</summary>
    public required string Id { get; init; }
    /// <summary>The task's index in the plan.</summary>
    public int Index { get; init; }
    /// <summary>One of <see cref="TaskStates"/> but <see cref="TaskStates.Pending"/>.</summary>
    public required string State { get; init; }
    /// <summary>How many times the task was started (1 for the first).</summary>
    public int Attempt { get; init; }
    /// <summary>The machine the attempt runs on.</summary>
    public required string Host { get; init; }
    /// <summary>The process id of the attempt's <c>sweep task</c>.</summary>
    public int Pid { get; init; }
    /// <summary>When the attempt started (UTC).</summary>
    public DateTime StartedUtc { get; init; }
    /// <summary>When it ended (UTC); null while running.</summary>
    public DateTime? EndedUtc { get; init; }
    /// <summary>The attempt's exit code: 0 done, 130 interrupted, 2 an error the user can fix, 1 an unexpected failure; null while running.</summary>
    public int? ExitCode { get; init; }
    /// <summary>The failure's message (first line), else null.</summary>
    public string? Error { get; init; }
    /// <summary>The Slurm job (<c>SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID</c>, or <c>SLURM_JOB_ID</c>) the attempt ran in, else null.</summary>
    public string? SlurmJobId { get; init; }
    /// <summary>True when the attempt continued from a checkpoint in the folder.</summary>
    public bool Resumed { get; init; }

    /// <summary>The record in <paramref name="folder"/>, or null when there is none.</summary>
    /// <exception cref="MlNetVisionException">The file cannot be read as a task record.</exception>
    public static TaskRecord? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TaskRecord>(File.ReadAllText(path), ReportJson.Options) ?? throw new MlNetVisionException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new MlNetVisionException($"{path} cannot be read: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Writes the record to <paramref name="folder"/>, atomically.</summary>
    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, ReportJson.Options) + "\n");

    /// <summary>The Slurm job of this process, from Slurm's environment, or null outside Slurm.</summary>
    public static string? CurrentSlurmJob() =>
        Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") is { Length: > 0 } array && Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task
            ? $"{array}_{task}"
            : Environment.GetEnvironmentVariable("SLURM_JOB_ID") is { Length: > 0 } job ? job : null;
}
