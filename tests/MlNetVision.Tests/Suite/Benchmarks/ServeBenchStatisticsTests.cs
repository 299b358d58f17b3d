using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

[Trait("Category", "Slow")]
public class ServeBenchStatisticsTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(99, 10)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(0, 1)]
    [InlineData(100, 10)]
    public void Percentile_NearestRank_OnOneToTen(double percent, double expected) =>
        Assert.Equal(expected, LatencyPercentiles.Of(OneToTen, percent));

    [Fact]
    public void Percentile_OfAHundredValues_IsTheValueAtThatRank()
    {
        var values = Enumerable.Range(1, 100).Select(i => i * 1.5).ToList();

        Assert.Equal([75, 142.5, 148.5, 150], new[] { 50.0, 95, 99, 100 }.Select(p => LatencyPercentiles.Of(values, p)));
    }

    [Fact]
    public void Percentile_OfOneValue_IsThatValue_OfNone_IsZero()
    {
        Assert.Equal(7.25, LatencyPercentiles.Of([7.25], 99));
        Assert.Equal(0, LatencyPercentiles.Of([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyPercentiles.Of(OneToTen, 101));
    }

    [Fact]
    public void Summarize_RatesPercentilesErrorsAndGrowth()
    {
        var samples = new LoadSamples();
        foreach (var ms in new[] { 40.0, 10, 30, 20 }) samples.Add(ms, "200", null);
        samples.Add(50, "400", "400: bad");
        samples.Add(60, "HttpRequestException", "HttpRequestException: refused");

        var result = ServeBench.Summarize(2, new LoadOutcome(samples, 2, new MalformedSamples()), rssWarmupMb: 200, rssEndMb: 210, rssPeakMb: 205,
            appRestarted: false, appHealthy: true);

        Assert.Equal(new ServeBenchResult(2, 2, 6, 3, 3, 30, 60, 60, 60, 2, 200, 210, 210, 5, 0, 0, 0, false, true), result);
        Assert.Equal([new("200", 4), new("400", 1), new("HttpRequestException", 1)], samples.Statuses());
        Assert.Equal(["400: bad", "HttpRequestException: refused"], samples.ErrorExamples());
    }

    [Fact]
    public void Summarize_WithoutMemorySamples_GrowthIsZero() =>
        Assert.Equal(0, ServeBench.Summarize(1, new LoadOutcome(new LoadSamples(), 1, new MalformedSamples()), 0, 0, 0, null, true).RssGrowthPercent);

    [Fact]
    public void Summarize_MalformedRequests_CountedApartFromTheFigures()
    {
        var samples = new LoadSamples();
        samples.Add(10, "200", null);
        var malformed = new MalformedSamples();
        var notMultipart = new MalformedRequest("not-multipart", 415, "", () => new StringContent("x"));
        var emptyFile = new MalformedRequest("empty-file", 400, "", () => new StringContent("x"));
        malformed.Add(notMultipart, "415", "{}");
        malformed.Add(notMultipart, "415", "{}");
        malformed.Add(emptyFile, "200", "{\"predictions\":[]}");
        malformed.Add(emptyFile, "HttpRequestException", "reset");

        var result = ServeBench.Summarize(1, new LoadOutcome(samples, 1, malformed), 0, 0, 0, appRestarted: false, appHealthy: true);

        Assert.Equal((1L, 10.0, 0L), (result.Requests, result.MaxMs, result.Errors));
        Assert.Equal((4L, 2L, 2L), (result.Malformed, result.MalformedAsExpected, result.MalformedMismatches));
        Assert.Equal([new("empty-file", 2, 0), new("not-multipart", 2, 2)], malformed.ByKind());
        Assert.Equal([new("empty-file", 400, "200", "{\"predictions\":[]}"), new("empty-file", 400, "HttpRequestException", "reset")],
            malformed.MismatchExamples());
        Assert.False(result.Passed());
    }

    [Theory]
    [InlineData(0, 0, false, true, true)]
    [InlineData(0, 0, null, true, true)]
    [InlineData(1, 0, false, true, false)]
    [InlineData(0, 1, false, true, false)]
    [InlineData(0, 0, true, true, false)]
    [InlineData(0, 0, false, false, false)]
    public void Passed_OnlyWithoutErrorsMismatchesOrAFallenApp(long errors, long mismatches, bool? restarted, bool healthy, bool passed) =>
        Assert.Equal(passed, new ServeBenchResult(1, 1, 1, 1, 1, 1, 1, 1, 1, errors, 0, 0, 0, 0, 20, 20 - mismatches, mismatches, restarted, healthy).Passed());

    [Fact]
    public void MalformedSamples_KeepOneMismatchExamplePerKindAndAnswer_AtMostFive()
    {
        var malformed = new MalformedSamples();
        for (int i = 0; i < 8; i++)
        {
            var kind = new MalformedRequest($"kind-{i}", 400, "", () => new StringContent("x"));
            malformed.Add(kind, "500", "first");
            malformed.Add(kind, "500", "second");
        }

        Assert.Equal(MalformedSamples.MaxMismatchExamples, malformed.MismatchExamples().Count);
        Assert.All(malformed.MismatchExamples(), m => Assert.Equal("first", m.Body));
        Assert.Equal(16, malformed.Mismatches);
    }

    [Fact]
    public void ResidentMemory_ParsesVmRssInMegabytes()
    {
        Assert.Equal(1.5, ResidentMemory.Parse(["Name:\tdotnet", "VmPeak:\t  9999 kB", "VmRSS:\t    1536 kB", "VmData:\t 1 kB"]));
        Assert.Null(ResidentMemory.Parse(["Name:\tdotnet"]));
    }

    [Fact]
    public void JsonLine_HasTheCamelCaseFields()
    {
        var line = ServeBench.JsonLine(new ServeBenchResult(8, 60, 600, 10, 10, 1, 2, 3, 4, 0, 100, 101, 102, 1, 20, 19, 1, false, true));

        Assert.Equal("""{"clients":8,"seconds":60,"requests":600,"requestsPerSecond":10,"imagesPerSecond":10,"p50Ms":1,"p95Ms":2,"p99Ms":3,"maxMs":4,"errors":0,"rssWarmupMb":100,"rssEndMb":101,"rssPeakMb":102,"rssGrowthPercent":1,"malformed":20,"malformedAsExpected":19,"malformedMismatches":1,"appRestarted":false,"appHealthy":true}""", line);
        Assert.Contains("\"appRestarted\":null", ServeBench.JsonLine(new ServeBenchResult(8, 60, 600, 10, 10, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, null, true)));
    }
}
