using Microsoft.ML;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Rows of one float, <c>Value</c> = 0, 1, 2, …, and a <c>CustomMapping</c> output type, for data view tests.</summary>
public static class NumberRows
{
    /// <summary>An input row.</summary>
    public sealed class Row
    {
        public float Value { get; set; }
    }

    /// <summary>A mapped row.</summary>
    public sealed class Doubled
    {
        public float Twice { get; set; }
    }

    /// <summary>The rows 0 … <paramref name="count"/> − 1 as ML.NET's in-memory view.</summary>
    public static IDataView View(MLContext ml, int count) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new Row { Value = i }).ToList());
}
