namespace MlNetVision.Suite.Reporting;

/// <summary>A run in a comparison: its label, its report and the folder the report was read from (null when not read from disk).</summary>
/// <param name="Label">The run's label in tables and plots.</param>
/// <param name="Report">The report.</param>
/// <param name="Folder">The run folder (holding <c>report.json</c>, maybe <c>report.html</c>), or null.</param>
public sealed record ComparedRun(string Label, RunReport Report, string? Folder);
