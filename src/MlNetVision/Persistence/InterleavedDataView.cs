using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetVision.Persistence;

/// <summary>
/// A data view whose parallel cursors take turns row by row: of <c>n</c> cursors, cursor <c>k</c> reads rows
/// <c>k, k + n, k + 2n, …</c> of <paramref name="source"/>. ML.NET's own split of a single cursor hands rows out in
/// chunks (128 rows in our probes), so a few hundred rows leave one cursor with most of the work; interleaving keeps
/// the cursors within one row of each other. Each cursor walks the whole source and skips the other cursors' rows,
/// which costs nothing where the source's values are read lazily (in-memory rows, paths).
/// </summary>
internal sealed class InterleavedDataView(IDataView source) : IDataView
{
    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema => source.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => source.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        source.GetRowCursor(columnsNeeded);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        if (n <= 1) return [GetRowCursor(columnsNeeded)];
        var columns = columnsNeeded.ToList();
        return Enumerable.Range(0, n).Select(k => (DataViewRowCursor)new Cursor(source.GetRowCursor(columns), k, n)).ToArray();
    }

    private sealed class Cursor(DataViewRowCursor inner, int offset, int stride) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => inner.Schema;

        public override long Position => _position;

        public override long Batch => inner.Position;

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool MoveNext()
        {
            int skip = _position < 0 ? offset : stride - 1;
            for (int i = 0; i < skip; i++)
                if (!inner.MoveNext()) return false;
            if (!inner.MoveNext()) return false;
            _position++;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
