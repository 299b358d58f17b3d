namespace MlNetVision.Experiments.Commands;

/// <summary><c>serve-bench</c>'s option values.</summary>
internal sealed record ServeBenchSettings(string? Model, int Clients, double Seconds, double Warmup, string[] Images, string? App, string? Url, int Malformed);
