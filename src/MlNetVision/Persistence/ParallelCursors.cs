using System.Runtime.ExceptionServices;
using Microsoft.ML;

namespace MlNetVision.Persistence;

/// <summary>
/// Reads a data view through ML.NET's parallel cursors (<c>IDataView.GetRowCursorSet</c>). A transformed view
/// splits its source's rows among the cursors and computes its columns on the thread that reads each cursor, so the
/// ONNX transformer's one ONNX Runtime call per row runs on as many threads as there are cursors. With one
/// intra-op thread per session call, that keeps every core busy on networks too small to split one row across cores.
/// </summary>
internal static class ParallelCursors
{
    /// <summary>
    /// Opens up to <paramref name="cursors"/> cursors over <paramref name="columns"/> of <paramref name="view"/> (the
    /// view may return fewer) and runs <paramref name="read"/> on each, every one on its own thread; returns when all
    /// are read. The first exception any of them throws is rethrown, after every cursor has been disposed.
    /// </summary>
    public static void ForEach(IDataView view, IEnumerable<DataViewSchema.Column> columns, int cursors, Action<DataViewRowCursor> read)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cursors, 1);
        var set = view.GetRowCursorSet(columns, cursors);
        if (set.Length == 1)
        {
            using var only = set[0];
            read(only);
            return;
        }
        var readers = set.Select(cursor => Task.Factory.StartNew(() =>
        {
            using (cursor) read(cursor);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(readers);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }
}
