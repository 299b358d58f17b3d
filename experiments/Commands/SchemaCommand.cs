using System.CommandLine;
using MlNetVision.Experiments.Files;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>schema experiment|sweep [--output FILE]</c>: writes the JSON Schema of experiment files or of sweep files (or prints it).</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter output)
    {
        var which = new Argument<string>("kind") { Description = "experiment: the schema of experiment files; sweep: of sweep files." };
        var file = new Option<string?>("--output") { Description = $"Write the schema to this file (the shipped ones: {ExperimentFileSchema.ShippedPath}, {SweepFileSchema.ShippedPath}); default: print it." };
        var command = new Command("schema", "Generate the JSON Schema of experiment files or sweep files from the trainer options.") { which, file };
        command.SetAction(parse =>
        {
            var schema = parse.GetValue(which) switch
            {
                "experiment" => ExperimentFileSchema.Generate(),
                "sweep" => SweepFileSchema.Generate(),
                var other => throw new MlNetVisionException($"Unknown schema '{other}'. Schemas: experiment, sweep."),
            };
            if (parse.GetValue(file) is { } path) { AtomicFile.WriteAllText(path, schema); output.WriteLine($"wrote {path}"); }
            else output.Write(schema);
            return 0;
        });
        return command;
    }
}
