using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetVision.Suite.Reporting.Plots;

/// <summary>A run's confusion matrix as a heat map of row-normalised rates, with counts written in the cells.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Builds the plot.</summary>
    public static PlotModel Build(string label, RunReport report)
    {
        var classes = report.Metrics.Classes;
        int k = classes.Count;
        var rates = new double[k, k];
        for (int t = 0; t < k; t++)
        {
            double total = Math.Max(1, report.Metrics.ConfusionMatrix[t].Sum());
            for (int p = 0; p < k; p++) rates[p, k - 1 - t] = report.Metrics.ConfusionMatrix[t][p] / total;
        }
        var model = new PlotModel { Title = $"Confusion matrix: {label} (accuracy {report.Metrics.Accuracy:0.0000})" };
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalettes.Viridis(200), Minimum = 0, Maximum = 1, Title = "fraction of true class" });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = "predicted class", ItemsSource = classes, Angle = -35 });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = "true class", ItemsSource = classes.Reverse().ToList() });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = k - 1, Y0 = 0, Y1 = k - 1, Data = rates, Interpolate = false,
            RenderMethod = HeatMapRenderMethod.Rectangles, LabelFontSize = 0.22, LabelFormatString = "0.00",
        });
        return model;
    }
}
