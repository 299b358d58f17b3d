using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>The human-readable summary of a <see cref="ServeBenchResult"/>: one figure per line, the good requests'
/// status counts, the malformed requests' counts (per kind: answered as expected / sent) and the app's state.</summary>
public static class ServeBenchTable
{
    /// <summary>The table, ending in a newline.</summary>
    public static string Render(ServeBenchResult r, IReadOnlyList<KeyValuePair<string, long>> statuses, IReadOnlyList<MalformedKindCount> malformedByKind)
    {
        var rows = new (string Name, string Value)[]
        {
            ("clients", F(r.Clients, "0")),
            ("seconds (counted)", F(r.Seconds, "0.0")),
            ("requests", F(r.Requests, "0")),
            ("requests/s", F(r.RequestsPerSecond, "0.0")),
            ("images/s", F(r.ImagesPerSecond, "0.0")),
            ("latency p50 ms", F(r.P50Ms, "0.0")),
            ("latency p95 ms", F(r.P95Ms, "0.0")),
            ("latency p99 ms", F(r.P99Ms, "0.0")),
            ("latency max ms", F(r.MaxMs, "0.0")),
            ("errors", F(r.Errors, "0")),
            ("RSS after warm-up MB", F(r.RssWarmupMb, "0.0")),
            ("RSS at end MB", F(r.RssEndMb, "0.0")),
            ("RSS peak MB", F(r.RssPeakMb, "0.0")),
            ("RSS growth after warm-up %", F(r.RssGrowthPercent, "+0.0;-0.0;0.0")),
            ("status counts", string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))),
            ("malformed sent", F(r.Malformed, "0")),
            ("malformed as expected", F(r.MalformedAsExpected, "0")),
            ("malformed mismatches", F(r.MalformedMismatches, "0")),
            ("malformed by kind (as expected/sent)", string.Join(", ", malformedByKind.Select(k => $"{k.Kind}: {k.AsExpected}/{k.Sent}"))),
            ("app restarted", r.AppRestarted switch { null => "not known (--url)", true => "yes", false => "no" }),
            ("app healthy after the run", r.AppHealthy ? "yes" : "no"),
        };
        int width = rows.Max(row => row.Name.Length);
        var text = new StringBuilder();
        text.Append("| ").Append("figure".PadRight(width)).AppendLine(" | value |");
        text.Append("| ").Append(new string('-', width)).AppendLine(" | --- |");
        foreach (var (name, value) in rows) text.Append("| ").Append(name.PadRight(width)).Append(" | ").Append(value).AppendLine(" |");
        return text.ToString();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
