namespace MlNetVision.Experiments.Export;

/// <summary>How <see cref="FolderExport"/> writes each image.</summary>
internal sealed record FolderExportOptions
{
    /// <summary>PNG (lossless, the default) or JPEG.</summary>
    public ExportImageFormat Format { get; init; } = ExportImageFormat.Png;

    /// <summary>JPEG quality, 1 to 100 (ignored for PNG).</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Smallest side in pixels; each side is drawn uniformly from [<see cref="MinSize"/>, <see cref="MaxSize"/>].</summary>
    public int MinSize { get; init; } = 32;

    /// <summary>Largest side in pixels (inclusive).</summary>
    public int MaxSize { get; init; } = 32;

    /// <summary>Draw one side and keep the images square (the whole picture survives a resize back; without it, width and
    /// height are drawn apart and a center crop back to a square loses the picture's edges).</summary>
    public bool Square { get; init; }

    /// <summary>Copies of each training image (test images are written once).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Seed of the per-image size draws.</summary>
    public int Seed { get; init; }

    /// <summary>Write into a non-empty folder, replacing its <c>train/</c> and <c>test/</c> folders.</summary>
    public bool Force { get; init; }

    /// <summary>The file extension of <see cref="Format"/>, with its dot.</summary>
    public string Extension => Format == ExportImageFormat.Png ? ".png" : ".jpg";

    /// <summary>Throws <see cref="ArgumentException"/> on a value out of range.</summary>
    public void Validate()
    {
        if (Quality is < 1 or > 100) throw new ArgumentException($"--quality must be between 1 and 100, not {Quality}.");
        if (MinSize < 1) throw new ArgumentException($"--min-size must be at least 1, not {MinSize}.");
        if (MaxSize < MinSize) throw new ArgumentException($"--max-size ({MaxSize}) must be at least --min-size ({MinSize}).");
        if (MaxSize > FolderExport.MaxSide) throw new ArgumentException($"--max-size must be at most {FolderExport.MaxSide}, not {MaxSize}.");
        if (Repeat < 1) throw new ArgumentException($"--repeat must be at least 1, not {Repeat}.");
    }
}
