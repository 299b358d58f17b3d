namespace MlNetVision.Data;

/// <summary>How an image folder is laid out.</summary>
public enum ImageFolderLayout
{
    /// <summary><c>DIR/train/&lt;class&gt;/*</c> and <c>DIR/test/&lt;class&gt;/*</c>, optionally <c>DIR/val/&lt;class&gt;/*</c>.</summary>
    Split,

    /// <summary><c>DIR/&lt;class&gt;/*</c> alone, split into train and test by a seeded stratified test fraction.</summary>
    Flat,
}
