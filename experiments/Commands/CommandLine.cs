using System.CommandLine;
using MlNetVision.Infrastructure;
using MlNetVision.Native;
using MlNetVision.Experiments.Running;

namespace MlNetVision.Experiments.Commands;

/// <summary>The <c>mlnetvision</c> command tree: list, data info, data export, run, bench, compare, report, predict, soak, serve-bench, schema, sweep.</summary>
public static class CommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("MlNetVision: train, evaluate and ship CIFAR-10 image classifiers with ML.NET and TorchSharp.")
        {
            ListCommand.Create(output),
            DataCommand.Create(output, error),
            RunCommand.Create(output, error),
            BenchCommand.Create(output, error),
            CompareCommand.Create(output),
            ReportCommand.Create(output),
            PredictCommand.Create(output, error),
            SoakCommand.Create(output),
            ServeBenchCommand.Create(output, error),
            SchemaCommand.Create(output),
            SweepCommand.Create(output, error),
        };
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // A bad option value or an unknown command is the user's to fix: one error line each, exit code 2.
                foreach (var parseError in parsed.Errors) error.WriteLine($"error: {parseError.Message}");
                return ExitCodes.UserError;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Unwrap(e) is MlNetVisionException or TorchUnavailableException or ArgumentException)
        {
            error.WriteLine($"error: {Unwrap(e).Message}");
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: unexpected failure, please report it: {e}");
            return ExitCodes.InternalError;
        }
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0])
        : e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : e;
}
