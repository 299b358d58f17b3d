using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;
using MlNetVision.Native;
using MlNetVision.Training.Checkpoints;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// <c>sweep task FILE --index I</c>: runs one task into its folder, recording its state in <see cref="TaskRecord"/>. A done
/// task is not run again; a folder with a checkpoint is resumed from it (as <c>run --resume DIR</c>); an interrupted
/// attempt (SIGINT/SIGTERM) checkpoints, saves its report and ends <see cref="TaskStates.Interrupted"/> with exit code 130.
/// </summary>
public sealed class SweepTaskRunner(TextWriter output, TextWriter log)
{
    /// <summary>Runs task <paramref name="index"/> of <paramref name="sweep"/>; returns the exit code (0 done, 130 interrupted).</summary>
    /// <exception cref="MlNetVisionException">No such task, the task runs already, or the run failed with an error the user can fix.</exception>
    public int Run(SweepFile sweep, int index, int? threads, CancellationToken cancellation)
    {
        if (index < 0 || index >= sweep.Tasks.Count)
            throw new MlNetVisionException($"{sweep.Path}: --index {index} is out of range: the sweep has {sweep.Tasks.Count} tasks (0–{sweep.Tasks.Count - 1}).");
        var task = sweep.Tasks[index];
        SweepPlan.Record(sweep);
        var folder = sweep.TaskFolder(task);
        var previous = TaskRecord.Read(folder);
        if (previous?.State == TaskStates.Done)
        {
            output.WriteLine($"task {index} ({task.Id}) is done: {folder}");
            return ExitCodes.Success;
        }
        if (previous is { State: TaskStates.Running } && previous.Host == Environment.MachineName && previous.Pid != Environment.ProcessId && TaskStateProbe.IsAlive(previous.Pid))
            throw new MlNetVisionException($"task {index} ({task.Id}) is running already (pid {previous.Pid} on {previous.Host}).");

        Directory.CreateDirectory(folder);
        using var taskLock = Lock(folder, index, task.Id);
        AtomicFile.WriteAllText(Path.Combine(folder, SweepTask.ExperimentFileName), task.ExperimentJson);
        bool resume = File.Exists(Path.Combine(folder, CheckpointStore.CheckpointFile)) && File.Exists(Path.Combine(folder, RunFolder.SettingsFile));
        var record = new TaskRecord
        {
            Id = task.Id, Index = index, State = TaskStates.Running, Attempt = (previous?.Attempt ?? 0) + 1, Host = Environment.MachineName,
            Pid = Environment.ProcessId, StartedUtc = DateTime.UtcNow, SlurmJobId = TaskRecord.CurrentSlurmJob(), Resumed = resume,
        };
        record.Write(folder);
        log.WriteLine($"task {index} ({task.Id}), attempt {record.Attempt}{(resume ? ", resuming from its checkpoint" : "")}: {folder}");
        int code;
        try
        {
            var batch = new BatchRun(output, log);
            if (resume)
            {
                var saved = RunFolder.ReadSavedRun(folder);
                code = batch.Run([task.Experiment.Experiment], saved.Settings with { Output = folder, Threads = threads ?? saved.Settings.Threads }, resume: true, cancellation);
            }
            else
                code = batch.Run([task.Experiment.Experiment], new RunSettings { Output = folder, Threads = threads }, _ => task.Experiment.Settings, resume: false, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            End(record, folder, TaskStates.Interrupted, ExitCodes.Interrupted, null);
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            bool user = e is MlNetVisionException or TorchUnavailableException or ArgumentException;
            End(record, folder, TaskStates.Failed, user ? ExitCodes.UserError : ExitCodes.InternalError, e.Message.Split('\n')[0]);
            throw;
        }
        var state = code == ExitCodes.Success ? TaskStates.Done : code == ExitCodes.Interrupted ? TaskStates.Interrupted : TaskStates.Failed;
        End(record, folder, state, code, state == TaskStates.Failed ? $"the run ended with exit code {code}" : null);
        return code;
    }

    /// <summary>The task folder's lock file, held while the task runs: a second <c>sweep task</c> of the same task is refused.</summary>
    public const string LockFile = "task.lock";

    private static FileStream Lock(string folder, int index, string id)
    {
        try { return new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) { throw new MlNetVisionException($"task {index} ({id}) is running already: another process holds {Path.Combine(folder, LockFile)}."); }
    }

    private static void End(TaskRecord record, string folder, string state, int code, string? error) =>
        (record with { State = state, EndedUtc = DateTime.UtcNow, ExitCode = code, Error = error }).Write(folder);
}
