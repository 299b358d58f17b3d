namespace MlNetVision.Data;

/// <summary>One image file of a folder data set, with what the cache fingerprint needs to notice a change.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Label">Class index.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastWriteUtc">Last modification time.</param>
public sealed record ImageFile(string Path, int Label, long Length, DateTime LastWriteUtc);
