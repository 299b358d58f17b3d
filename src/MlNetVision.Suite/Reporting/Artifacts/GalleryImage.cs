using System.Text.Json.Serialization;

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>One thumbnail of <see cref="GalleryFile"/>.</summary>
/// <param name="I">The image's index in the test set (as in <see cref="PredictionItem.I"/>).</param>
/// <param name="Png">The PNG file, base64.</param>
public sealed record GalleryImage([property: JsonPropertyName("i")] int I, string Png);
