using System.Globalization;
using System.Text;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>The plain-text summary <c>bench --peer</c> ends with: one row of ratios (or the peer's failure) per case.</summary>
public sealed class RatioTable
{
    private readonly List<(string Model, int ImageSize, BenchmarkRatio? Ratio, string? Failure)> _rows = [];

    /// <summary>Adds a measured case.</summary>
    public void Add(BenchmarkRatio ratio) => _rows.Add((ratio.Model, ratio.ImageSize, ratio, null));

    /// <summary>Adds a case whose peer run failed or does not exist.</summary>
    public void AddFailure(string model, int imageSize, string failure) => _rows.Add((model, imageSize, null, failure));

    /// <summary>The table, one line per case after a title and a header.</summary>
    public string Render()
    {
        int width = Math.Max("model".Length, _rows.Count == 0 ? 0 : _rows.Max(r => r.Model.Length));
        var text = new StringBuilder();
        text.AppendLine("ours / peer, images per second (above 1: MlNetVision faster)");
        text.AppendLine($"{"model".PadRight(width)}  {"size",4}  {"train",7}  {"eval",7}  {"zip eval / peer eval",20}");
        foreach (var (model, size, ratio, failure) in _rows)
        {
            var line = $"{model.PadRight(width)}  {size,4}  {Cell(ratio?.TrainRatio),7}  {Cell(ratio?.EvalRatio),7}  {Cell(ratio?.ZipEvalVsPeerEvalRatio),20}";
            text.AppendLine(failure is null ? line : $"{line}  peer: {failure}");
        }
        return text.ToString();
    }

    private static string Cell(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
