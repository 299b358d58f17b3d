using System.Buffers.Binary;

namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// Reads TensorBoard event files back: the TFRecord framing with both CRCs checked (a CRC-32C of its own, table-driven,
/// independent of the writer's), then each record parsed as an <c>Event</c> with the protobuf classes TorchSharp generated
/// from TensorFlow's .proto files, so the writer's hand encoding is checked against a real protobuf parser.
/// </summary>
public static class TensorBoardEvents
{
    /// <summary>One scalar read back.</summary>
    public sealed record Scalar(string Tag, long Step, float Value, double WallTime);

    /// <summary>Every event of the file at <paramref name="path"/>, in order.</summary>
    public static List<Tensorboard.Event> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<Tensorboard.Event>();
        int at = 0;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < 12) throw new InvalidDataException($"{path}: a truncated record header at byte {at}.");
            var header = bytes.AsSpan(at, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4)) != MaskedCrc(header))
                throw new InvalidDataException($"{path}: the length CRC of the record at byte {at} is wrong.");
            if ((ulong)(bytes.Length - at - 16) < length) throw new InvalidDataException($"{path}: a truncated record at byte {at}.");
            var data = bytes.AsSpan(at + 12, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + (int)length, 4)) != MaskedCrc(data))
                throw new InvalidDataException($"{path}: the data CRC of the record at byte {at} is wrong.");
            events.Add(Tensorboard.Event.Parser.ParseFrom(data.ToArray()));
            at += 16 + (int)length;
        }
        return events;
    }

    /// <summary>Every scalar in the event files under <paramref name="folder"/>.</summary>
    public static List<Scalar> Scalars(string folder) =>
        Values(folder).Where(v => v.Value.ValueCase == Tensorboard.Summary.Types.Value.ValueOneofCase.SimpleValue)
            .Select(v => new Scalar(v.Value.Tag, v.Event.Step, v.Value.SimpleValue, v.Event.WallTime)).ToList();

    /// <summary>Every histogram in the event files under <paramref name="folder"/>: tag, step, histogram.</summary>
    public static List<(string Tag, long Step, Tensorboard.HistogramProto Histogram)> Histograms(string folder) =>
        Values(folder).Where(v => v.Value.ValueCase == Tensorboard.Summary.Types.Value.ValueOneofCase.Histo)
            .Select(v => (v.Value.Tag, v.Event.Step, v.Value.Histo)).ToList();

    private static IEnumerable<(Tensorboard.Event Event, Tensorboard.Summary.Types.Value Value)> Values(string folder) =>
        Directory.GetFiles(folder, "events.out.tfevents.*", SearchOption.AllDirectories).Order()
            .SelectMany(Read)
            .Where(e => e.Summary is not null)
            .SelectMany(e => e.Summary.Value.Select(v => (e, v)));

    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }
}
