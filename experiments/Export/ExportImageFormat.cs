namespace MlNetVision.Experiments.Export;

/// <summary>The file format <c>data export</c> writes.</summary>
internal enum ExportImageFormat
{
    /// <summary>Lossless PNG (<c>.png</c>).</summary>
    Png,

    /// <summary>JPEG at a chosen quality (<c>.jpg</c>).</summary>
    Jpeg,
}
