using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// One kind of <c>POST /predict</c> request the serving app must refuse, and the status it must answer.
/// <see cref="Kinds"/> lists one of each refusal the app documents.
/// </summary>
/// <param name="Name">A short name, e.g. <c>not-multipart</c>.</param>
/// <param name="ExpectedStatus">The status the app must answer.</param>
/// <param name="Query">The query string, with its <c>?</c>, or empty.</param>
/// <param name="Content">Makes a new body for one request.</param>
public sealed record MalformedRequest(string Name, int ExpectedStatus, string Query, Func<HttpContent> Content)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Whether the request carries <c>Expect: 100-continue</c>, as curl does for large uploads, so that the body is only
    /// sent once the app asks for it: the app answers 413 without asking. Without the header the client sends the whole
    /// body first, which the app reads and discards before answering (a browser's way).
    /// </summary>
    public bool ExpectContinue { get; init; }

    /// <summary>A new <c>POST /predict</c> request of this kind, with a new body.</summary>
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ServeLoad.PredictPath + Query) { Content = Content() };
        if (ExpectContinue) request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>
    /// One request of each kind the app refuses: a text/plain body (415); a multipart upload of
    /// <see cref="ServingLimits.MaxUploadBytes"/> + 1 bytes, <paramref name="image"/> padded with zeros, sent whole and
    /// sent with <see cref="ExpectContinue"/> (413 both; built once, its bytes shared by every request); an empty body;
    /// multipart without a file; an empty file; a text file; a PNG header declaring just over
    /// <see cref="ServingLimits.MaxPixels"/> pixels; a PNG cut off after its header; <paramref name="image"/> with
    /// <c>?top=0</c>; a JSON list whose item is not base64 (all 400).
    /// </summary>
    public static IReadOnlyList<MalformedRequest> Kinds(ServingLimits limits, LoadImage image)
    {
        var (oversize, oversizeType) = Oversize(limits.MaxUploadBytes, image);
        long side = Side(limits.MaxPixels);
        return
        [
            new("wrong-content-type", 415, "", () => new StringContent("an image, honestly", Encoding.UTF8, "text/plain")),
            new("oversize", 413, "", () => new ByteArrayContent(oversize) { Headers = { ContentType = MediaTypeHeaderValue.Parse(oversizeType) } }),
            new("oversize-expect-continue", 413, "", () => new ByteArrayContent(oversize) { Headers = { ContentType = MediaTypeHeaderValue.Parse(oversizeType) } })
            {
                ExpectContinue = true,
            },
            new("empty-request", 400, "", () => new ByteArrayContent([])),
            new("no-file", 400, "", () => new MultipartFormDataContent { { new StringContent("x"), "field" } }),
            File("empty-file", new LoadImage("empty.png", [], "image/png")),
            File("not-an-image", new LoadImage("notes.png", Encoding.UTF8.GetBytes("just some text, not an image"), "image/png")),
            File("too-many-pixels", new LoadImage("huge.png", [.. PngSignature, .. Ihdr(side, side), .. Chunk("IDAT", []), .. Chunk("IEND", [])], "image/png")),
            File("undecodable", new LoadImage("cut.png", [.. PngSignature, .. Ihdr(16, 16), 0x00, 0x00, 0x01, 0x00, 0x49, 0x44], "image/png")),
            new("bad-top", 400, "?top=0", () => image.ToUpload()),
            new("json-not-base64", 400, "", () => new StringContent("""[{"name":"x.png","data":"not base64!"}]""", Encoding.UTF8, "application/json")),
        ];
    }

    private static MalformedRequest File(string name, LoadImage file) => new(name, 400, "", () => file.ToUpload());

    /// <summary>The bytes and content type of a multipart upload of exactly <paramref name="maxUploadBytes"/> + 1
    /// bytes (or the smallest one, when the limit is below a multipart body's own overhead).</summary>
    private static (byte[] Body, string ContentType) Oversize(long maxUploadBytes, LoadImage image)
    {
        if (maxUploadBytes >= Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(maxUploadBytes), maxUploadBytes, "too large for one body in memory");
        const string boundary = "serve-bench-oversize";
        var named = image with { Name = "oversize-" + image.Name };
        long overhead;
        using (var empty = (named with { Bytes = [] }).ToUpload(boundary)) overhead = empty.Headers.ContentLength!.Value;
        var file = new byte[Math.Max(0, maxUploadBytes + 1 - overhead)];
        image.Bytes.AsSpan(0, Math.Min(image.Bytes.Length, file.Length)).CopyTo(file);
        using var content = (named with { Bytes = file }).ToUpload(boundary);
        using var body = new MemoryStream();
        content.CopyTo(body, null, default);
        return (body.ToArray(), content.Headers.ContentType!.ToString());
    }

    /// <summary>The smallest square side whose area is over <paramref name="maxPixels"/>.</summary>
    private static long Side(long maxPixels)
    {
        long side = (long)Math.Sqrt(maxPixels);
        while (side * side <= maxPixels) side++;
        return side <= int.MaxValue ? side : throw new ArgumentOutOfRangeException(nameof(maxPixels), maxPixels, "no PNG header can declare more pixels");
    }

    private static byte[] Ihdr(long width, long height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;   // bit depth
        header[9] = 2;   // RGB
        return Chunk("IHDR", header);
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[8 + data.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        body.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(body));
        return chunk;
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
