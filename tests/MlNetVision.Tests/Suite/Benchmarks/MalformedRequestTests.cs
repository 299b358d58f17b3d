using System.Buffers.Binary;
using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

/// <summary>The malformed requests <c>serve-bench --malformed</c> interleaves, and the order it sends them in.</summary>
public class MalformedRequestTests
{
    private static readonly LoadImage Image = new("a.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "image/png");
    private static readonly ServingLimits Limits = new(MaxUploadBytes: 5000, MaxPixels: 40_000_000);

    [Fact]
    public void Kinds_OneOfEachDocumentedRefusal_WithItsStatus()
    {
        var kinds = MalformedRequest.Kinds(Limits, Image);

        Assert.Equal(
            [("wrong-content-type", 415), ("oversize", 413), ("oversize-expect-continue", 413), ("empty-request", 400), ("no-file", 400),
             ("empty-file", 400), ("not-an-image", 400), ("too-many-pixels", 400), ("undecodable", 400), ("bad-top", 400), ("json-not-base64", 400)],
            kinds.Select(k => (k.Name, k.ExpectedStatus)));
        Assert.Equal(["?top=0"], kinds.Where(k => k.Query != "").Select(k => k.Query));
        Assert.Equal(["oversize-expect-continue"], kinds.Where(k => k.ExpectContinue).Select(k => k.Name));
        using var request = kinds.Single(k => k.Name == "bad-top").ToRequest();
        Assert.Equal((HttpMethod.Post, "predict?top=0"), (request.Method, request.RequestUri!.OriginalString));
        Assert.Equal(true, kinds.Single(k => k.Name == "oversize-expect-continue").ToRequest().Headers.ExpectContinue);
        Assert.Null(kinds.Single(k => k.Name == "oversize").ToRequest().Headers.ExpectContinue);
    }

    [Fact]
    public async Task Kinds_EveryOneBuilds_FreshContentEachTime()
    {
        foreach (var kind in MalformedRequest.Kinds(Limits, Image))
        {
            using var first = kind.Content();
            using var second = kind.Content();
            Assert.NotSame(first, second);
            Assert.Equal((await first.ReadAsByteArrayAsync()).Length, (await second.ReadAsByteArrayAsync()).Length);   // multipart boundaries differ
        }
    }

    [Fact]
    public async Task Kinds_BodiesAreWhatTheirNamesSay()
    {
        var kinds = MalformedRequest.Kinds(Limits, Image).ToDictionary(k => k.Name);

        Assert.Equal("text/plain", Body(kinds["wrong-content-type"]).Headers.ContentType!.MediaType);
        Assert.Equal("application/json", Body(kinds["json-not-base64"]).Headers.ContentType!.MediaType);
        Assert.Empty(await Body(kinds["empty-request"]).ReadAsByteArrayAsync());

        var oversize = Body(kinds["oversize"]);
        Assert.Equal("multipart/form-data", oversize.Headers.ContentType!.MediaType);
        Assert.Equal(Limits.MaxUploadBytes + 1, (await oversize.ReadAsByteArrayAsync()).Length);
        Assert.Equal(Limits.MaxUploadBytes + 1, oversize.Headers.ContentLength);

        Assert.Empty(await File(kinds["empty-file"]));
        Assert.Equal("just some text, not an image"u8.ToArray(), await File(kinds["not-an-image"]));
        Assert.Equal(Image.Bytes, await File(kinds["bad-top"]));

        var huge = await File(kinds["too-many-pixels"]);
        Assert.Equal(Image.Bytes[..8], huge[..8]);
        Assert.Equal("IHDR"u8.ToArray(), huge[12..16]);
        long width = BinaryPrimitives.ReadUInt32BigEndian(huge.AsSpan(16)), height = BinaryPrimitives.ReadUInt32BigEndian(huge.AsSpan(20));
        Assert.True(width * height > Limits.MaxPixels, $"{width}x{height}");
        Assert.True((width - 1) * (height - 1) <= Limits.MaxPixels, $"{width}x{height} is not the smallest square over the limit");

        var cut = await File(kinds["undecodable"]);
        Assert.Equal(Image.Bytes[..8], cut[..8]);
        Assert.Equal("IHDR"u8.ToArray(), cut[12..16]);
        Assert.True(cut.Length < 8 + 25 + 12, "cut off before any image data");
    }

    [Fact]
    public void Kinds_LimitBelowTheMultipartOverhead_OversizeIsTheSmallestUpload()
    {
        var oversize = Body(MalformedRequest.Kinds(new ServingLimits(10, 100), Image).Single(k => k.Name == "oversize"));

        Assert.True(oversize.Headers.ContentLength > 11);
    }

    [Fact]
    public void Interleaved_AlternatesUntilAllMalformedAreTaken_KindsInTurn()
    {
        var images = new[] { Image, Image with { Name = "b.png" } };
        var kinds = MalformedRequest.Kinds(Limits, Image).Take(3).ToList();
        var requests = new InterleavedRequests(images, kinds, 4);

        var order = Enumerable.Range(0, 11).Select(_ => requests.Next()).Select(r => r.Image?.Name ?? r.Malformed!.Name).ToList();

        Assert.Equal(["a.png", "wrong-content-type", "b.png", "oversize", "a.png", "oversize-expect-continue", "b.png", "wrong-content-type", "a.png", "b.png", "a.png"], order);
        Assert.Null(requests.NextMalformed());
    }

    [Fact]
    public void Interleaved_MalformedTheRunLeft_ComeFromNextMalformed()
    {
        var kinds = MalformedRequest.Kinds(Limits, Image);
        var requests = new InterleavedRequests([Image], kinds, kinds.Count + 2);

        Assert.Null(requests.Next().Malformed);
        Assert.Equal("wrong-content-type", requests.Next().Malformed!.Name);
        var rest = new List<string>();
        while (requests.NextMalformed() is { } next) rest.Add(next.Name);

        Assert.Equal(kinds.Skip(1).Select(k => k.Name).Append("wrong-content-type").Append("oversize"), rest);
    }

    [Fact]
    public void Interleaved_WithoutMalformed_GoodOnes()
    {
        var requests = new InterleavedRequests([Image]);

        Assert.All(Enumerable.Range(0, 5).Select(_ => requests.Next()), r => Assert.Same(Image, r.Image));
        Assert.Null(requests.NextMalformed());
        Assert.Throws<ArgumentException>(() => new InterleavedRequests([Image], [], 1));
    }

    private static HttpContent Body(MalformedRequest kind) => kind.Content();

    /// <summary>The one file part's bytes of a multipart kind.</summary>
    private static async Task<byte[]> File(MalformedRequest kind)
    {
        var content = Assert.IsType<MultipartFormDataContent>(kind.Content());
        var part = Assert.Single(content);
        Assert.Equal(LoadImage.Field, part.Headers.ContentDisposition!.Name!.Trim('"'));
        Assert.NotNull(part.Headers.ContentDisposition.FileName);
        return await part.ReadAsByteArrayAsync();
    }
}
