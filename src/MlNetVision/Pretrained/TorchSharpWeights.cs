using static TorchSharp.torch;

namespace MlNetVision.Pretrained;

/// <summary>
/// Weights in TorchSharp's own format (<c>Module.save</c>), as a run's <c>best-weights.bin</c> holds them: loaded
/// strictly into the same model (architecture and class count).
/// </summary>
internal static class TorchSharpWeights
{
    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/> when it is in TorchSharp's format; false when it is not
    /// (a PyTorch zip or pickle, a safetensors file), leaving that to <see cref="CheckpointReader"/>.
    /// </summary>
    /// <exception cref="CheckpointException">A TorchSharp file that does not fit the model.</exception>
    public static bool TryLoad(nn.Module model, string path)
    {
        if (!Path.GetExtension(path).Equals(".bin", StringComparison.OrdinalIgnoreCase) || IsPyTorch(path)) return false;
        try
        {
            model.load(path, strict: true);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException)
        {
            throw new CheckpointException($"Cannot continue from {path}: its TorchSharp weights do not fit {model.GetName()} ({e.Message}). " +
                "It must come from a run of the same model and class count.", e);
        }
    }

    /// <summary>PyTorch's files begin with a zip header (<c>torch.save</c> since 1.6) or a pickle protocol opcode.</summary>
    private static bool IsPyTorch(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var stream = File.OpenRead(path);
        if (stream.Read(head) < 2) return false;
        return (head[0] == (byte)'P' && head[1] == (byte)'K') || (head[0] == 0x80 && head[1] is >= 2 and <= 5);
    }
}
