namespace MlNetVision.Pretrained;

/// <summary>What a strict state-dict load did.</summary>
/// <param name="Loaded">Tensors copied into the model.</param>
/// <param name="Notes">Deliberate differences, such as a replaced classifier head.</param>
internal sealed record StateDictLoadResult(int Loaded, IReadOnlyList<string> Notes);
