namespace MlNetVision.Experiments.Export;

/// <summary>What one <see cref="FolderExport.Run"/> wrote.</summary>
/// <param name="Files">Image files written (whole; renamed into place).</param>
/// <param name="Planned">Image files the export set out to write.</param>
/// <param name="Bytes">Total size of the files written.</param>
/// <param name="Elapsed">Wall time of the export, reading excluded.</param>
/// <param name="Interrupted">True when cancelled before every file was written.</param>
internal sealed record FolderExportSummary(long Files, long Planned, long Bytes, TimeSpan Elapsed, bool Interrupted)
{
    /// <summary>Files written per second of wall time.</summary>
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Files / Elapsed.TotalSeconds : 0;
}
