using System.Diagnostics;

namespace MlNetVision.Infrastructure;

/// <summary>
/// A one-line progress bar on a terminal (redrawn at most 10 times a second); when output is redirected
/// it degrades to a plain log line every <see cref="LogInterval"/>, so CI logs stay readable.
/// </summary>
internal sealed class ConsoleProgress : IDisposable
{
    private readonly TextWriter _out;
    private readonly string _label;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDraw;
    private int _lastWidth;

    /// <summary>How often a redirected output gets a line.</summary>
    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Creates a bar labelled <paramref name="label"/> on <paramref name="output"/> (default: stderr).</summary>
    public ConsoleProgress(string label, TextWriter? output = null, bool? interactive = null)
    {
        _out = output ?? Console.Error;
        _label = label;
        _interactive = interactive ?? (!Console.IsErrorRedirected && output is null && Environment.GetEnvironmentVariable("CI") is null);
    }

    /// <summary>Shows <paramref name="done"/> of <paramref name="total"/> with an ETA and a free-text status.</summary>
    public void Report(double done, double total, string status = "", bool force = false)
    {
        var now = _clock.Elapsed;
        var interval = _interactive ? TimeSpan.FromMilliseconds(100) : LogInterval;
        if (!force && _lastDraw is { } last && now - last < interval) return;
        _lastDraw = now;
        double fraction = total > 0 ? Math.Clamp(done / total, 0, 1) : 0;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
        var text = $"{_label} {fraction * 100,5:0.0}% {status} elapsed {Format(now)} eta {(eta is null ? "?" : Format(eta.Value))}";
        if (_interactive)
        {
            const int barWidth = 24;
            int filled = (int)Math.Round(fraction * barWidth);
            var line = $"[{new string('#', filled)}{new string('.', barWidth - filled)}] {text}";
            _out.Write("\r" + line.PadRight(_lastWidth));
            _lastWidth = line.Length;
        }
        else
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>Ends the bar's line.</summary>
    public void Dispose()
    {
        if (_interactive && _lastWidth > 0) _out.WriteLine();
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"mm\:ss");
}
