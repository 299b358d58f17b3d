namespace MlNetVision.Suite.Reporting.Html;

/// <summary>One axis of an SVG chart: its title, range, linear or logarithmic scale, ticks and tick labels.</summary>
/// <param name="Title">The axis title.</param>
/// <param name="Min">The lowest value shown.</param>
/// <param name="Max">The highest value shown (above <paramref name="Min"/>).</param>
/// <param name="Log">True for a base-10 logarithmic scale (values must be positive).</param>
/// <param name="Format">Formats a tick value.</param>
public sealed record ChartAxis(string Title, double Min, double Max, bool Log, Func<double, string> Format)
{
    /// <summary>An axis spanning <paramref name="values"/> with a little padding, on round ticks.</summary>
    /// <param name="title">The axis title.</param>
    /// <param name="values">The values to show (none: 0 to 1).</param>
    /// <param name="format">Tick label format (default: up to 4 significant decimals).</param>
    /// <param name="log">Logarithmic scale (non-positive values are ignored).</param>
    /// <param name="includeZero">Start a linear axis at 0 when all values are positive.</param>
    /// <param name="minimumStep">The smallest step between ticks (1 for epochs), or 0.</param>
    public static ChartAxis Fit(string title, IEnumerable<double> values, Func<double, string>? format = null, bool log = false, bool includeZero = false,
        double minimumStep = 0)
    {
        var finite = values.Where(double.IsFinite).Where(v => !log || v > 0).ToList();
        format ??= v => HtmlText.Number(v, "0.####");
        if (finite.Count == 0) return new ChartAxis(title, log ? 1 : 0, log ? 10 : 1, log, format);
        double min = finite.Min(), max = finite.Max();
        if (log)
        {
            double lo = Math.Pow(10, Math.Floor(Math.Log10(min) * 4) / 4), hi = Math.Pow(10, Math.Ceiling(Math.Log10(max) * 4) / 4);
            if (hi <= lo) { lo /= 2; hi *= 2; }
            return new ChartAxis(title, lo, hi, true, format);
        }
        if (includeZero && min > 0) min = 0;
        if (max - min <= Math.Abs(max) * 1e-9)
        {
            double pad = max == 0 ? 0.5 : Math.Abs(max) * 0.1;   // one value: a band around it, on its own scale
            min -= pad;
            max += pad;
        }
        double step = Math.Max(NiceStep((max - min) / 5), minimumStep);
        return new ChartAxis(title, Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, false, format) { MinimumStep = minimumStep };
    }

    /// <summary>The smallest step between ticks (1 for epochs), or 0.</summary>
    public double MinimumStep { get; init; }

    /// <summary>Where <paramref name="value"/> falls on the axis, 0 at <see cref="Min"/> and 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) => Log
        ? (Math.Log10(Math.Max(value, Min)) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>The tick values: round steps (linear), or 1, 2, 5 × 10ⁿ (logarithmic).</summary>
    public IReadOnlyList<double> Ticks()
    {
        var ticks = new List<double>();
        if (Log)
        {
            for (int e = (int)Math.Floor(Math.Log10(Min)); e <= (int)Math.Ceiling(Math.Log10(Max)); e++)
                foreach (var m in new[] { 1.0, 2.0, 5.0 })
                {
                    double t = m * Math.Pow(10, e);
                    if (t >= Min * 0.999 && t <= Max * 1.001) ticks.Add(t);
                }
            return ticks;
        }
        double step = Math.Max(NiceStep((Max - Min) / 5), MinimumStep);
        for (double t = Math.Ceiling(Min / step - 1e-9) * step; t <= Max + step * 1e-9; t += step) ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        return ticks;
    }

    /// <summary>1, 2 or 5 × 10ⁿ at or above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (raw <= 0 || !double.IsFinite(raw)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }
}
