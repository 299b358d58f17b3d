using System.Globalization;

namespace MlNetVision.Suite.Reporting;

/// <summary>Times in readable units: seconds under two minutes, minutes under two hours, hours beyond.</summary>
public static class Durations
{
    /// <summary><paramref name="seconds"/> as <c>0.35 s</c>, <c>4.2 s</c>, <c>42 s</c>, <c>3.4 min</c> or <c>1.2 h</c>.</summary>
    public static string Format(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        if (!double.IsFinite(seconds)) return "–";
        var (unit, scale) = UnitFor(seconds);
        double value = seconds / scale;
        string format = unit != "s" ? "0.0" : value < 1 ? "0.00" : value < 10 ? "0.0" : "0";
        return $"{value.ToString(format, c)} {unit}";
    }

    /// <summary><c>mean ± std</c>, both in the mean's unit (<c>5.0 ± 1.5 min</c>).</summary>
    public static string FormatSpread(double mean, double std)
    {
        var (unit, scale) = UnitFor(mean);
        string format = unit != "s" || mean >= 10 ? (unit == "s" ? "0" : "0.0") : "0.0";
        return $"{(mean / scale).ToString(format, CultureInfo.InvariantCulture)} ± {(std / scale).ToString(format, CultureInfo.InvariantCulture)} {unit}";
    }

    /// <summary>The unit to show times up to <paramref name="maxSeconds"/> in: its short name and its length in seconds.</summary>
    public static (string Unit, double Seconds) UnitFor(double maxSeconds) =>
        maxSeconds >= 7200 ? ("h", 3600) : maxSeconds >= 120 ? ("min", 60) : ("s", 1);

    /// <summary>The unit's long name, for axis titles: <c>seconds</c>, <c>minutes</c>, <c>hours</c>.</summary>
    public static string LongName(string unit) => unit switch { "h" => "hours", "min" => "minutes", _ => "seconds" };
}
