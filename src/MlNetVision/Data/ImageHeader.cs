using System.Buffers.Binary;

namespace MlNetVision.Data;

/// <summary>Reads an image's size from its header (PNG, JPEG, BMP) without decoding it.</summary>
internal static class ImageHeader
{
    /// <summary>How much of a file is read to find its size (a JPEG's frame header may follow EXIF data).</summary>
    public const int HeadBytes = 64 * 1024;

    /// <summary>Width and height, or null when the header is not understood.</summary>
    public static (int Width, int Height)? TryReadSize(string file) => TryReadSize(ReadHead(file));

    /// <summary>The first <see cref="HeadBytes"/> bytes of <paramref name="file"/> (fewer when it is shorter).</summary>
    public static byte[] ReadHead(string file)
    {
        var head = new byte[HeadBytes];
        int read = ReadHead(file, head);
        return read == head.Length ? head : head[..read];
    }

    /// <summary>Reads the first bytes of <paramref name="file"/> into <paramref name="buffer"/> (as many as fit, usually
    /// <see cref="HeadBytes"/>); returns how many were read.</summary>
    public static int ReadHead(string file, Span<byte> buffer)
    {
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    /// <summary>Width and height from a file's first bytes (<see cref="ReadHead(string)"/>), or null when the header is not understood.</summary>
    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 24 && head[0] == 0x89 && head[1] == (byte)'P')
            return (BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]));
        if (head.Length >= 26 && head[0] == (byte)'B' && head[1] == (byte)'M')
            return (Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(head[18..])), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(head[22..])));
        if (head.Length >= 4 && head[0] == 0xFF && head[1] == 0xD8)
            return JpegSize(head);
        return null;
    }

    private static (int, int)? JpegSize(ReadOnlySpan<byte> data)
    {
        int at = 2;
        while (at + 9 < data.Length)
        {
            if (data[at] != 0xFF) return null;
            byte marker = data[at + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            bool startOfFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (startOfFrame)
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]));
            at += 2 + length;
        }
        return null;
    }
}
