namespace MlNetVision.Suite.Reporting;

/// <summary>
/// What the seed study's published number was measured with, so a run is compared with it only when it used the recipe
/// in full: the data set (by its classes), the epochs and the model's input size (and, checked from the run's own config, all the training data).
/// </summary>
/// <param name="Epochs">The recipe's epochs.</param>
/// <param name="InputSize">The side of the images the model sees, in pixels.</param>
/// <param name="Classes">The data set's classes (CIFAR-10's for the seed study); a run on other classes used other data.</param>
public sealed record ReferenceRecipe(double Epochs, int InputSize, IReadOnlyList<string>? Classes = null);
