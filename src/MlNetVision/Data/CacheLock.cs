using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>An exclusive lock file, so that one process builds a cache while others wait for it (released on dispose or exit).</summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream _stream;

    private CacheLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock at <paramref name="path"/>, waiting (with one message on <paramref name="log"/>) while another process holds it.</summary>
    public static CacheLock Acquire(string path, TextWriter log, CancellationToken cancellation)
    {
        bool told = false;
        while (true)
        {
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!told) log.WriteLine($"waiting for another process to finish the pixel cache ({path})");
                told = true;
                if (cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500))) throw new OperationCanceledException(cancellation);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new MlNetVisionException($"Cannot write the pixel cache folder {Path.GetDirectoryName(path)}: {e.Message} " +
                                               $"Set {CacheFolders.CacheVariable} to a writable folder.");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
