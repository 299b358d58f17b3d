namespace MlNetVision.Suite.Reporting;

/// <summary>
/// Times derived from a report: the run's wall time without the optional per-epoch test monitor
/// (<c>run --monitor-test</c>), and the training time until the monitored accuracy first reached a threshold.
/// </summary>
public static class RunTimes
{
    /// <summary>The accuracy thresholds <see cref="SeedSummary"/> reports the time to.</summary>
    public static readonly IReadOnlyList<double> Thresholds = [0.90, 0.93];

    /// <summary>Wall time of the whole run (data, training, export, evaluation) minus the monitor's evaluations, in seconds.</summary>
    public static double WithoutMonitor(RunReport report) =>
        report.Timing.TotalSeconds - report.History.Sum(e => e.MonitorSeconds ?? 0);

    /// <summary>
    /// The whole run's wall time in seconds when it may have been resumed: this attempt's
    /// (<paramref name="attemptSeconds"/>) plus the training its earlier attempts did, that is the training seconds
    /// (<paramref name="trainSeconds"/>, every attempt's epochs) beyond this attempt's fit (<paramref name="attemptFitSeconds"/>).
    /// A run that was never resumed trains within its fit and gets <paramref name="attemptSeconds"/> back; the earlier
    /// attempts' start-up is not counted.
    /// </summary>
    public static double AcrossAttempts(double attemptSeconds, double attemptFitSeconds, double trainSeconds) =>
        attemptSeconds + Math.Max(0, trainSeconds - attemptFitSeconds);

    /// <summary>
    /// Training seconds (epochs' <c>seconds</c> summed, monitor excluded) up to the end of the first epoch whose
    /// monitored accuracy reached <paramref name="accuracy"/>; null when no epoch did or nothing was monitored.
    /// </summary>
    public static double? TrainSecondsTo(RunReport report, double accuracy)
    {
        double seconds = 0;
        foreach (var epoch in report.History)
        {
            seconds += epoch.Seconds;
            if (epoch.MonitorAccuracy >= accuracy) return seconds;
        }
        return null;
    }

    /// <summary>The metric name of the time to <paramref name="accuracy"/>, e.g. <c>trainSecondsTo93</c>.</summary>
    public static string MetricName(double accuracy) => $"trainSecondsTo{Math.Round(accuracy * 100):0}";
}
