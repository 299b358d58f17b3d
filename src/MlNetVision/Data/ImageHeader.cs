using System.Buffers.Binary;

namespace MlNetVision.Data;

/// <summary>Reads an image's size from its header (PNG, JPEG, BMP) without decoding it.</summary>
internal static class ImageHeader
{
    /// <summary>Width and height, or null when the header is not understood.</summary>
    public static (int Width, int Height)? TryReadSize(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[Math.Min(stream.Length, 64 * 1024)];
        stream.ReadExactly(head);
        if (head.Length >= 24 && head[0] == 0x89 && head[1] == (byte)'P')
            return (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
        if (head.Length >= 26 && head[0] == (byte)'B' && head[1] == (byte)'M')
            return (Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(18))), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(22))));
        if (head.Length >= 4 && head[0] == 0xFF && head[1] == 0xD8)
            return JpegSize(head);
        return null;
    }

    private static (int, int)? JpegSize(byte[] data)
    {
        int at = 2;
        while (at + 9 < data.Length)
        {
            if (data[at] != 0xFF) return null;
            byte marker = data[at + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 2));
            bool startOfFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (startOfFrame)
                return (BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 7)), BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 5)));
            at += 2 + length;
        }
        return null;
    }
}
