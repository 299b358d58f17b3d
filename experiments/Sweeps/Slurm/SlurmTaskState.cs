namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>What Slurm says of one array element: its job id (<c>123_4</c>), state (<c>RUNNING</c>, <c>PENDING</c>, …) and reason.</summary>
public sealed record SlurmTaskState(int Index, string JobId, string State, string Reason);
