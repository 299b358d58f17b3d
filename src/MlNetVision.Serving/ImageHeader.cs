using System.Buffers.Binary;

namespace MlNetVision.Serving;

/// <summary>Recognises an image from its first bytes and reads the size its header declares, without decoding it.</summary>
public static class ImageHeader
{
    /// <summary>How much of a file is read to find its size (a JPEG's frame header may follow EXIF data).</summary>
    public const int HeadBytes = 64 * 1024;

    /// <summary>The format whose signature <paramref name="head"/> starts with.</summary>
    public static ImageKind Kind(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => ImageKind.Png,
        [0xFF, 0xD8, 0xFF, ..] => ImageKind.Jpeg,
        [0x42, 0x4D, ..] => ImageKind.Bmp,
        _ => ImageKind.None,
    };

    /// <summary>Width and height from the PNG IHDR chunk, the JPEG SOFn marker or the BMP info header; null when not found.</summary>
    public static (long Width, long Height)? TryReadSize(ReadOnlySpan<byte> head) => Kind(head) switch
    {
        ImageKind.Png when head.Length >= 24 => (BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..])),
        ImageKind.Bmp when head.Length >= 26 => (Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(head[18..])),
            Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(head[22..]))),
        ImageKind.Jpeg => JpegSize(head),
        _ => null,
    };

    private static (long, long)? JpegSize(ReadOnlySpan<byte> data)
    {
        int at = 2;
        while (at + 9 < data.Length)
        {
            if (data[at] != 0xFF) return null;
            byte marker = data[at + 1];
            if (marker == 0xFF) { at++; continue; }   // fill byte
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            bool startOfFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (startOfFrame)
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]));
            at += 2 + length;
        }
        return null;
    }
}
