namespace MlNetVision.Serving;

/// <summary>The zip's input: the path of an image file; the zip loads, resizes and converts it.</summary>
public sealed class ModelInput
{
    /// <summary>Absolute path of the image file.</summary>
    public string ImagePath { get; set; } = "";
}
