namespace MlNetVision.Suite.Reporting.Html;

/// <summary>What a run's report page shows: the report, the optional files beside it, and the seed study it belongs to.</summary>
/// <param name="Report">The run's <c>report.json</c>.</param>
/// <param name="Artifacts">The optional files beside it.</param>
/// <param name="Seeds">With <c>run --seeds N</c>: mean ± std over the seeds' runs, else null.</param>
public sealed record RunPageInput(RunReport Report, RecordedArtifacts Artifacts, SeedSummary? Seeds = null);
