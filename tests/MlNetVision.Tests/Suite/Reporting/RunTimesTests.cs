using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Suite.Reporting;

public class RunTimesTests
{
    private static RunReport Monitored(params (double Seconds, double Accuracy, double MonitorSeconds)[] epochs) =>
        HandMadeReports.Create("x", 0.9) with
        {
            History = epochs.Select((e, i) => new EpochRecord(i + 1, 1, 0.5, null, e.Seconds, 1e-3) { MonitorAccuracy = e.Accuracy, MonitorSeconds = e.MonitorSeconds }).ToList(),
            Timing = new TimingInfo(epochs.Sum(e => e.Seconds), 1, 10, 1, 1000),
        };

    [Fact]
    public void WithoutMonitor_MonitoredRun_SubtractsEveryMonitorEvaluation()
    {
        var report = Monitored((100, 0.5, 7), (100, 0.8, 8));

        Assert.Equal(1000 - 15, RunTimes.WithoutMonitor(report), 12);
    }

    [Theory]
    [InlineData(120, 100, 90, 120)]      // never resumed: the epochs trained within this attempt's fit
    [InlineData(3100, 3000, 3500, 3600)] // resumed: 500 s of training came from the earlier attempt
    public void AcrossAttempts_AddsOnlyTheEarlierAttemptsTraining(double attempt, double fit, double train, double expected)
    {
        Assert.Equal(expected, RunTimes.AcrossAttempts(attempt, fit, train), 12);
    }

    [Fact]
    public void WithoutMonitor_UnmonitoredRun_IsTheTotal()
    {
        var report = HandMadeReports.Create("x", 0.9, trainSeconds: 100);

        Assert.Equal(report.Timing.TotalSeconds, RunTimes.WithoutMonitor(report), 12);
    }

    [Fact]
    public void TrainSecondsTo_ThresholdReachedAtSecondEpoch_SumsTrainingSecondsOfTheFirstTwoEpochs()
    {
        var report = Monitored((100, 0.85, 7), (110, 0.91, 7), (120, 0.89, 7), (130, 0.94, 7));

        Assert.Equal(210, RunTimes.TrainSecondsTo(report, 0.90));
        Assert.Equal(460, RunTimes.TrainSecondsTo(report, 0.93));
    }

    [Fact]
    public void TrainSecondsTo_NeverReachedOrNotMonitored_IsNull()
    {
        Assert.Null(RunTimes.TrainSecondsTo(Monitored((100, 0.85, 7)), 0.90));
        Assert.Null(RunTimes.TrainSecondsTo(HandMadeReports.Create("x", 0.99), 0.90));
    }

    [Fact]
    public void SeedSummary_MonitoredRunsThatAllReachAThreshold_ReportTheirMeanTimeToIt()
    {
        var reports = new[] { Monitored((100, 0.91, 5), (100, 0.92, 5)), Monitored((100, 0.89, 5), (100, 0.935, 5)) };

        var summary = SeedSummary.From(reports);

        Assert.Equal(150, summary.Metrics["trainSecondsTo90"].Mean, 12);
        Assert.Equal(990, summary.Metrics["runSecondsWithoutMonitor"].Mean, 12);
        Assert.DoesNotContain("trainSecondsTo93", summary.Metrics.Keys);
    }
}
