using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Persistence;
using MlNetVision.Tests.TestSupport;
using static MlNetVision.Tests.TestSupport.NumberRows;

namespace MlNetVision.Tests.Persistence;

public class ParallelCursorsTests
{
    private static IDataView Transformed(MLContext ml, int rows, Action<Row, Doubled> map)
    {
        var view = NumberRows.View(ml, rows);
        return ml.Transforms.CustomMapping(map, contractName: null).Fit(view).Transform(view);
    }

    [Fact]
    public void ForEach_TwoCursorsOverATransform_ReadsEveryRowOnce()
    {
        var ml = new MLContext(seed: 0);
        var view = Transformed(ml, 4_000, (row, output) => output.Twice = 2 * row.Value);
        var seen = new System.Collections.Concurrent.ConcurrentBag<float>();

        ParallelCursors.ForEach(view, [view.Schema["Twice"]], 2, cursor =>
        {
            var twice = cursor.GetGetter<float>(view.Schema["Twice"]);
            float value = 0;
            while (cursor.MoveNext())
            {
                twice(ref value);
                seen.Add(value);
            }
        });

        Assert.Equal(Enumerable.Range(0, 4_000).Select(i => 2f * i), seen.OrderBy(v => v));
    }

    [Fact]
    public void ForEach_OneCursorThrows_RethrowsItAfterTheOthersStop()
    {
        var ml = new MLContext(seed: 0);
        var view = Transformed(ml, 4_000, (row, output) =>
        {
            if (row.Value == 1_000) throw new InvalidDataException("row 1000 is bad");
            output.Twice = 2 * row.Value;
        });

        var reading = Task.Run(() => ParallelCursors.ForEach(view, [view.Schema["Twice"]], 2, cursor =>
        {
            var twice = cursor.GetGetter<float>(view.Schema["Twice"]);
            float value = 0;
            while (cursor.MoveNext()) twice(ref value);
        }));

        Assert.True(SpinWait.SpinUntil(() => reading.IsCompleted, TimeSpan.FromSeconds(60)), "the cursors did not stop");
        Assert.True(reading.IsFaulted);
        var chain = new List<Exception>();
        for (Exception? e = reading.Exception!.InnerException; e is not null; e = e.InnerException) chain.Add(e);
        Assert.Contains(chain, e => e is InvalidDataException { Message: "row 1000 is bad" });
    }

    [Fact]
    public void ForEach_ZeroCursors_Throws()
    {
        var ml = new MLContext(seed: 0);
        var view = ml.Data.LoadFromEnumerable(new[] { new Row() });

        Assert.Throws<ArgumentOutOfRangeException>(() => ParallelCursors.ForEach(view, [], 0, _ => { }));
    }
}
