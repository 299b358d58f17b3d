using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Writes PNG files byte by byte (any colour type, any declared size), for reader edge cases.</summary>
public static class RawPng
{
    /// <summary>Colour type 0 (grey), 2 (RGB) or 6 (RGBA); <paramref name="pixel"/> holds one pixel's channel bytes.</summary>
    public static void Write(string path, int width, int height, byte colourType, byte[] pixel)
    {
        using var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (int x = 0; x < width; x++) raw.Write(pixel);
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) raw.WriteTo(zlib);
        WriteFile(path, width, height, colourType, compressed.ToArray());
    }

    /// <summary>A PNG whose header claims a size but whose data is one empty row: enough for size checks.</summary>
    public static void WriteHeaderOnly(string path, int width, int height) => WriteFile(path, width, height, 2, []);

    private static void WriteFile(string path, int width, int height, byte colourType, byte[] idat)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = colourType;
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", idat);
        Chunk(file, "IEND", []);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(body);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
