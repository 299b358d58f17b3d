namespace MlNetVision.Data;

/// <summary>What a data set does with image files that cannot be read (corrupt, truncated, too large, not an image inside).</summary>
public enum BadImagePolicy
{
    /// <summary>Stop with an error naming the files (the default: a broken file usually means a broken copy).</summary>
    Refuse,

    /// <summary>Leave them out, count them and keep their names (<c>--skip-bad-images</c>).</summary>
    Skip,
}
