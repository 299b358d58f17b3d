using System.CommandLine;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>list</c>: the registered experiments and models.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("list", "List the experiments and the registered models.");
        command.SetAction(_ =>
        {
            output.WriteLine("experiments:");
            output.WriteLine("models:");
            return 0;
        });
        return command;
    }
}
