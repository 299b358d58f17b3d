namespace MlNetVision.Suite.Reporting.SeedStudy;

/// <summary>What the runs of one experiment give for a cell of the seed table: its runs at the wanted settings, grouped by seed.</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Runs">Its runs that count (at the seed's settings, or on all the data for the best CPU recipe); empty when none.</param>
/// <param name="Other">How many of its runs were left out because they differ (fewer epochs or images, another size, not completed).</param>
public sealed record SeedStudyCell(string Experiment, IReadOnlyList<RunReport> Runs, int Other)
{
    /// <summary>Accuracy over <see cref="Runs"/> (mean ± std over seeds), or null without runs.</summary>
    public MeanStd? Accuracy => Runs.Count == 0 ? null : MeanStd.Of(Runs.Select(r => r.Metrics.Accuracy));

    /// <summary>Macro F1 over <see cref="Runs"/>, or null without runs.</summary>
    public MeanStd? MacroF1 => Runs.Count == 0 ? null : MeanStd.Of(Runs.Select(r => r.Metrics.MacroF1));

    /// <summary>Training time in seconds over <see cref="Runs"/>, or null without runs.</summary>
    public MeanStd? TrainSeconds => Runs.Count == 0 ? null : MeanStd.Of(Runs.Select(r => r.Timing.TrainSeconds));

    /// <summary>The time cell: the mean training time (± std over seeds) in a readable unit, or "–".</summary>
    public string TimeText => TrainSeconds is { } t ? t.Count > 1 ? Durations.FormatSpread(t.Mean, t.Std) : Durations.Format(t.Mean) : "–";

    /// <summary>How many runs and seeds: <c>1 run</c>, <c>3 seeds</c>.</summary>
    public string RunsText => Runs.Count switch { 0 => "not run", 1 => "1 run", var n => $"{n} seeds" };
}
