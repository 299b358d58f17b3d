using System.CommandLine;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>sweep plan|task|run|status|compare FILE</c>: sweep files (a base, a grid and/or a list of overrides) expanded to tasks.</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("sweep", "Sweep files: a base experiment with a grid and/or a list of overrides (e.g. experiments × seeds), expanded to tasks with stable ids.")
        {
            Plan(output), Task(output, error), SweepRunCommand.Create(output, error), SweepStatusCommand.Create(output), Compare(output),
        };
        return command;
    }

    private static Argument<string> File() => new("file") { Description = "The sweep file (JSON; see experiments/sweeps)." };

    private static Command Plan(TextWriter output)
    {
        var file = File();
        var command = new Command("plan", "Print the sweep's tasks: index, id and what each sets (nothing runs).") { file };
        command.SetAction(parse =>
        {
            var sweep = SweepFileReader.Read(parse.GetValue(file)!);
            output.WriteLine($"sweep {sweep.Name}: {sweep.Tasks.Count} task{(sweep.Tasks.Count == 1 ? "" : "s")} into {sweep.Output}");
            if (sweep.Description.Length > 0) output.WriteLine(sweep.Description);
            int width = Math.Max(2, sweep.Tasks.Max(t => t.Id.Length));
            output.WriteLine($"{"index",5}  {"id".PadRight(width)}  overrides");
            foreach (var task in sweep.Tasks)
                output.WriteLine($"{task.Index,5}  {task.Id.PadRight(width)}  {string.Join(" ", task.Overrides)}".TrimEnd());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Task(TextWriter output, TextWriter error)
    {
        var file = File();
        var index = new Option<int>("--index") { Description = "The task's index in the plan (sweep plan FILE), e.g. $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX.", Required = true };
        var threads = new Option<int?>("--threads") { Description = "libtorch and ONNX Runtime intra-op threads (default: one per physical core)." };
        var ignoreInterrupt = new Option<bool>("--ignore-sigint")
        {
            Description = "Ignore SIGINT and stop on SIGTERM only (set by 'sweep run', which forwards a Ctrl+C to its tasks as one SIGTERM).", Hidden = true,
        };
        var command = new Command("task", "Run one task of a sweep into <output>/tasks/<id>/ (resuming from its checkpoint there; a done task is not run again); state in task.json.")
        {
            file, index, threads, ignoreInterrupt,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--threads must be at least 1.");
        });
        command.SetAction(parse =>
        {
            var sweep = SweepFileReader.Read(parse.GetValue(file)!);
            using var interrupt = new InterruptHandler(error, ignoreInterrupt: parse.GetValue(ignoreInterrupt));
            return new SweepTaskRunner(output, error).Run(sweep, parse.GetValue(index), parse.GetValue(threads), interrupt.Token);
        });
        return command;
    }

    private static Command Compare(TextWriter output)
    {
        var file = File();
        var command = new Command("compare", "Compare the sweep's finished runs (as compare --runs <output>/tasks --output <output>/comparison).") { file };
        command.SetAction(parse =>
        {
            var sweep = SweepFileReader.Read(parse.GetValue(file)!);
            if (!CompareTasks(sweep, output)) throw new Infrastructure.MlNetVisionException($"{sweep.Path}: no task of the sweep has a report yet ({sweep.TasksFolder}).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Compares the tasks' reports into the sweep's comparison folder; false when there is none.</summary>
    internal static bool CompareTasks(SweepFile sweep, TextWriter output)
    {
        if (!Directory.Exists(sweep.TasksFolder) || !Directory.EnumerateFiles(sweep.TasksFolder, RunFolder.ReportFile, SearchOption.AllDirectories).Any()) return false;
        CompareCommand.Compare([sweep.TasksFolder], sweep.ComparisonFolder, output);
        return true;
    }
}
