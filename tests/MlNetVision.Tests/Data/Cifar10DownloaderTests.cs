using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class Cifar10DownloaderTests
{
    private sealed class FakeHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond());
    }

    private static byte[] MakeArchive(string sourceFolder)
    {
        using var temp = new TempFolder();
        var root = temp.Combine(Cifar10Format.FolderName);
        Directory.CreateDirectory(root);
        foreach (var file in Directory.GetFiles(sourceFolder)) File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            TarFile.CreateFromDirectory(root, gzip, includeBaseDirectory: true);
        return buffer.ToArray();
    }

    [Fact]
    public async Task EnsureAsync_ArchiveWithMatchingMd5_ExtractsEveryFile()
    {
        using var source = new TempFolder();
        using var target = new TempFolder();
        TinyCifar.Write(source.Path);
        var archive = MakeArchive(source.Path);
        var md5 = Convert.ToHexString(MD5.HashData(archive)).ToLowerInvariant();
        using var http = new HttpClient(new FakeHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(archive) }));
        var folder = target.Combine(Cifar10Format.FolderName);
        long lastReported = 0;

        await new Cifar10Downloader(http, new Uri("http://localhost/cifar.tgz"), md5)
            .EnsureAsync(folder, new SynchronousProgress<(long Done, long? Total)>(p => lastReported = p.Done));

        Assert.True(Cifar10Downloader.IsPresent(folder));
        Assert.Equal(archive.Length, lastReported);
        Assert.Equal(File.ReadAllBytes(source.Combine("test_batch.bin")), File.ReadAllBytes(Path.Combine(folder, "test_batch.bin")));
        Assert.Single(Directory.GetFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task EnsureAsync_WrongMd5_ThrowsAndLeavesNothing()
    {
        using var source = new TempFolder();
        using var target = new TempFolder();
        TinyCifar.Write(source.Path);
        var archive = MakeArchive(source.Path);
        using var http = new HttpClient(new FakeHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(archive) }));

        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() =>
            new Cifar10Downloader(http, new Uri("http://localhost/cifar.tgz"), new string('0', 32)).EnsureAsync(target.Combine("cifar")));

        Assert.Contains("corrupt", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task EnsureAsync_Offline_ThrowsMessageNamingUrlAndFolderAndLeavesNothing()
    {
        using var target = new TempFolder();
        using var http = new HttpClient(new FakeHandler(() => throw new HttpRequestException("Name or service not known")));
        var folder = target.Combine(Cifar10Format.FolderName);

        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() => new Cifar10Downloader(http).EnsureAsync(folder));

        Assert.Contains(Cifar10Downloader.ArchiveUri.ToString(), error.Message);
        Assert.Contains(folder, error.Message);
        Assert.Contains("Name or service not known", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task EnsureAsync_FilesPresent_DoesNotDownload()
    {
        using var target = new TempFolder();
        TinyCifar.Write(target.Path);
        int requests = 0;
        using var http = new HttpClient(new FakeHandler(() => { requests++; throw new HttpRequestException("no"); }));

        await new Cifar10Downloader(http).EnsureAsync(target.Path);

        Assert.Equal(0, requests);
    }
}
