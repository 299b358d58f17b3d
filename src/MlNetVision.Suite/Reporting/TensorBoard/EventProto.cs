using System.Buffers.Binary;
using System.Text;

namespace MlNetVision.Suite.Reporting.TensorBoard;

/// <summary>
/// The few TensorFlow <c>Event</c> protobuf messages a scalar log needs, encoded by hand (protobuf wire format):
/// <c>Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }</c>,
/// <c>Summary { repeated Value value = 1; }</c>, <c>Value { string tag = 1; float simple_value = 2; }</c>.
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
        using var summary = new MemoryStream();
        WriteBytes(summary, 1, summaryValue.ToArray());
        using var buffer = new MemoryStream();
        WriteDouble(buffer, 1, wallTime);
        WriteKey(buffer, 2, 0);
        WriteVarint(buffer, (ulong)step);
        WriteBytes(buffer, 5, summary.ToArray());
        return buffer.ToArray();
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
