using MlNetVision.Experiments.Commands;

return CommandLine.Run(args);
