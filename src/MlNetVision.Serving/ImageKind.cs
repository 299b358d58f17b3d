namespace MlNetVision.Serving;

/// <summary>The image formats the app accepts, recognised by their first bytes.</summary>
public enum ImageKind
{
    /// <summary>Not a recognised image.</summary>
    None,

    /// <summary>PNG: <c>89 50 4E 47</c>.</summary>
    Png,

    /// <summary>JPEG: <c>FF D8 FF</c>.</summary>
    Jpeg,

    /// <summary>BMP: <c>42 4D</c>.</summary>
    Bmp,
}
