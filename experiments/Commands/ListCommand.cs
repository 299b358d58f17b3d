using MlNetVision.Registry;
using System.CommandLine;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Models;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>list</c>: the registered experiments and models.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("list", "List the experiments and the registered models.");
        command.SetAction(_ =>
        {
            output.WriteLine("experiments (px: the image size for image folders, --image-size to change it; CIFAR-10's binary images stay at 32 px):");
            foreach (var experiment in ExperimentCatalog.All)
                output.WriteLine($"  {experiment.Name,-36} {experiment.FolderImageSize,3} px  {experiment.Description}");
            output.WriteLine();
            output.WriteLine("models:");
            foreach (var model in ModelRegistry.All)
                output.WriteLine($"  {model.Name,-28} {model.Description}");
            return 0;
        });
        return command;
    }
}
