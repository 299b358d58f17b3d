using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Persistence;
using MlNetVision.Tests.TestSupport;
using static MlNetVision.Tests.TestSupport.NumberRows;

namespace MlNetVision.Tests.Persistence;

public class InterleavedDataViewTests
{
    private static IDataView Numbers(MLContext ml, int rows) => new InterleavedDataView(NumberRows.View(ml, rows));

    private static List<float> Read(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<float>(column);
        var values = new List<float>();
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }
        return values;
    }

    [Fact]
    public void GetRowCursorSet_ThreeCursors_EachTakesEveryThirdRow()
    {
        var view = Numbers(new MLContext(seed: 0), 10);
        var column = view.Schema[nameof(Row.Value)];

        var cursors = view.GetRowCursorSet([column], 3);

        Assert.Equal([0f, 3, 6, 9], Read(cursors[0], column));
        Assert.Equal([1f, 4, 7], Read(cursors[1], column));
        Assert.Equal([2f, 5, 8], Read(cursors[2], column));
        Assert.Equal(2, cursors[2].Position);
        foreach (var cursor in cursors) cursor.Dispose();
    }

    [Fact]
    public void GetRowCursorSet_UnderATransform_SplitsAFewHundredRowsEvenlyMappedOnTheReadingThreads()
    {
        var ml = new MLContext(seed: 0);
        var view = Numbers(ml, 300);
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var doubled = ml.Transforms.CustomMapping((Row row, Doubled output) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            output.Twice = 2 * row.Value;
        }, contractName: null).Fit(view).Transform(view);
        var column = doubled.Schema[nameof(Doubled.Twice)];
        var counts = new System.Collections.Concurrent.ConcurrentBag<int>();
        var seen = new System.Collections.Concurrent.ConcurrentBag<float>();

        var readers = new System.Collections.Concurrent.ConcurrentBag<int>();

        ParallelCursors.ForEach(doubled, [column], 2, cursor =>
        {
            readers.Add(Environment.CurrentManagedThreadId);
            var values = Read(cursor, column);
            counts.Add(values.Count);
            foreach (var v in values) seen.Add(v);
        });

        Assert.Equal([150, 150], counts);
        Assert.Equal(readers.Distinct().Order(), threads.Distinct().Order());   // each cursor's rows mapped on the thread reading it
        Assert.Equal(Enumerable.Range(0, 300).Select(i => 2f * i), seen.OrderBy(v => v));
    }

    [Fact]
    public void GetRowCursor_One_ReadsEveryRowInOrder()
    {
        var view = Numbers(new MLContext(seed: 0), 5);
        var column = view.Schema[nameof(Row.Value)];

        using var cursor = view.GetRowCursor([column]);

        Assert.Equal([0f, 1, 2, 3, 4], Read(cursor, column));
        Assert.Equal(5, view.GetRowCount());
    }
}
