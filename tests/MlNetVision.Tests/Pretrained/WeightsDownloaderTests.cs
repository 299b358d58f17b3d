using System.Net;
using System.Security.Cryptography;
using MlNetVision.Data;
using MlNetVision.Models;
using MlNetVision.Pretrained;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Pretrained;

public class WeightsDownloaderTests
{
    private sealed class FakeHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(respond());
        }
    }

    private static readonly byte[] Payload = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

    private static PretrainedWeights Weights(string prefix) => new()
    {
        Description = "test weights", FileName = "net-1234.pth", DownloadUri = new Uri("http://localhost/net-1234.pth"), Sha256Prefix = prefix,
    };

    private static string PrefixOf(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant()[..8];

    [Fact]
    public async Task EnsureAsync_ChecksumPrefixMatches_WritesFileAndReportsProgress()
    {
        using var cache = new TempFolder();
        using var http = new HttpClient(new FakeHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Payload) }));
        long reported = 0;

        var path = await new WeightsDownloader(http, cache.Path)
            .EnsureAsync(Weights(PrefixOf(Payload)), new SynchronousProgress<(long Done, long? Total)>(p => reported = p.Done));

        Assert.Equal(cache.Combine("net-1234.pth"), path);
        Assert.Equal(Payload, File.ReadAllBytes(path));
        Assert.Equal(Payload.Length, reported);
        Assert.Single(Directory.GetFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task EnsureAsync_ChecksumPrefixDiffers_ThrowsAndLeavesNothing()
    {
        using var cache = new TempFolder();
        using var http = new HttpClient(new FakeHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Payload) }));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => new WeightsDownloader(http, cache.Path).EnsureAsync(Weights("00000000")));

        Assert.Contains("corrupt", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task EnsureAsync_Offline_MessageNamesUrlTargetAndAlternatives()
    {
        using var cache = new TempFolder();
        using var http = new HttpClient(new FakeHandler(() => throw new HttpRequestException("Name or service not known")));

        var error = await Assert.ThrowsAsync<CheckpointException>(() =>
            new WeightsDownloader(http, cache.Path).EnsureAsync(TorchVisionResNet18.ImageNetWeights));

        Assert.Contains("https://download.pytorch.org/models/resnet18-f37072fd.pth", error.Message);
        Assert.Contains(cache.Combine("resnet18-f37072fd.pth"), error.Message);
        Assert.Contains("Name or service not known", error.Message);
        Assert.Contains("--pretrained none", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task EnsureAsync_CachedFile_DoesNotDownload()
    {
        using var cache = new TempFolder();
        File.WriteAllBytes(cache.Combine("net-1234.pth"), Payload);
        var handler = new FakeHandler(() => throw new HttpRequestException("no"));
        using var http = new HttpClient(handler);

        var path = await new WeightsDownloader(http, cache.Path).EnsureAsync(Weights(PrefixOf(Payload)));

        Assert.Equal(cache.Combine("net-1234.pth"), path);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task EnsureAsync_CachedFileWithOtherChecksum_ErrorNamesFile()
    {
        using var cache = new TempFolder();
        File.WriteAllBytes(cache.Combine("net-1234.pth"), Payload);
        using var http = new HttpClient(new FakeHandler(() => throw new HttpRequestException("no")));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => new WeightsDownloader(http, cache.Path).EnsureAsync(Weights("ffffffff")));

        Assert.Contains(cache.Combine("net-1234.pth"), error.Message);
        Assert.Contains("does not start with ffffffff", error.Message);
    }
}
