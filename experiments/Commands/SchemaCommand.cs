using System.CommandLine;
using MlNetVision.Experiments.Files;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>schema experiment [--output FILE]</c>: writes the experiment files' JSON Schema (or prints it).</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter output)
    {
        var which = new Argument<string>("kind") { Description = "experiment: the schema of experiment files." };
        var file = new Option<string?>("--output") { Description = $"Write the schema to this file (the shipped one: {ExperimentFileSchema.ShippedPath}); default: print it." };
        var command = new Command("schema", "Generate the JSON Schema of experiment files from the trainer options.") { which, file };
        command.SetAction(parse =>
        {
            if (parse.GetValue(which) != "experiment") throw new MlNetVisionException($"Unknown schema '{parse.GetValue(which)}'. Schemas: experiment.");
            var schema = ExperimentFileSchema.Generate();
            if (parse.GetValue(file) is { } path) { AtomicFile.WriteAllText(path, schema); output.WriteLine($"wrote {path}"); }
            else output.Write(schema);
            return 0;
        });
        return command;
    }
}
