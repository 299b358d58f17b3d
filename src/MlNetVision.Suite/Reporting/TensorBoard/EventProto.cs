using System.Buffers.Binary;
using System.Text;

namespace MlNetVision.Suite.Reporting.TensorBoard;

/// <summary>
/// The few TensorFlow <c>Event</c> protobuf messages a scalar log needs, encoded by hand (protobuf wire format):
/// <c>Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }</c>,
/// <c>Summary { repeated Value value = 1; }</c>, <c>Value { string tag = 1; float simple_value = 2; HistogramProto histo = 5; }</c>.
/// </summary>
internal static class EventProto
{
    /// <summary>The first event of a file: the version TensorBoard checks.</summary>
    public static byte[] FileVersion(double wallTime)
    {
        using var buffer = new MemoryStream();
        WriteDouble(buffer, 1, wallTime);
        WriteBytes(buffer, 3, Encoding.UTF8.GetBytes("brain.Event:2"));
        return buffer.ToArray();
    }

    /// <summary>An event holding one scalar.</summary>
    public static byte[] Scalar(double wallTime, long step, string tag, float value)
    {
        using var summaryValue = new MemoryStream();
        WriteBytes(summaryValue, 1, Encoding.UTF8.GetBytes(tag));
        WriteFloat(summaryValue, 2, value);
        return Event(wallTime, step, summaryValue.ToArray());
    }

    /// <summary>An event holding one histogram: <c>Value { string tag = 1; HistogramProto histo = 5; }</c>,
    /// <c>HistogramProto { double min = 1; max = 2; num = 3; sum = 4; sum_squares = 5; repeated double bucket_limit = 6 [packed];
    /// repeated double bucket = 7 [packed]; }</c>.</summary>
    public static byte[] Histogram(double wallTime, long step, string tag, double min, double max, double count, double sum, double sumSquares,
        IReadOnlyList<double> bucketLimits, IReadOnlyList<double> bucketCounts)
    {
        using var histogram = new MemoryStream();
        WriteDouble(histogram, 1, min);
        WriteDouble(histogram, 2, max);
        WriteDouble(histogram, 3, count);
        WriteDouble(histogram, 4, sum);
        WriteDouble(histogram, 5, sumSquares);
        WriteBytes(histogram, 6, PackedDoubles(bucketLimits));
        WriteBytes(histogram, 7, PackedDoubles(bucketCounts));
        using var summaryValue = new MemoryStream();
        WriteBytes(summaryValue, 1, Encoding.UTF8.GetBytes(tag));
        WriteBytes(summaryValue, 5, histogram.ToArray());
        return Event(wallTime, step, summaryValue.ToArray());
    }

    private static byte[] Event(double wallTime, long step, byte[] summaryValue)
    {
        using var summary = new MemoryStream();
        WriteBytes(summary, 1, summaryValue);
        using var buffer = new MemoryStream();
        WriteDouble(buffer, 1, wallTime);
        WriteKey(buffer, 2, 0);
        WriteVarint(buffer, (ulong)step);
        WriteBytes(buffer, 5, summary.ToArray());
        return buffer.ToArray();
    }

    private static byte[] PackedDoubles(IReadOnlyList<double> values)
    {
        var bytes = new byte[8 * values.Count];
        for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }

    private static void WriteKey(Stream stream, int field, int wireType) => WriteVarint(stream, (ulong)((field << 3) | wireType));

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }

    private static void WriteDouble(Stream stream, int field, double value)
    {
        WriteKey(stream, field, 1);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteFloat(Stream stream, int field, float value)
    {
        WriteKey(stream, field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteBytes(Stream stream, int field, byte[] bytes)
    {
        WriteKey(stream, field, 2);
        WriteVarint(stream, (ulong)bytes.Length);
        stream.Write(bytes);
    }
}
