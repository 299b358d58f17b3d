using System.Collections;
using MlNetVision.Native;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MlNetVision.Pretrained;

/// <summary>
/// Reads a state dict written by PyTorch: a pickled <c>.pth</c>/<c>.pt</c>/<c>.bin</c> (<c>torch.save</c> of a
/// state dict, or of a dict holding one under <c>model</c> or <c>state_dict</c>, as DeiT's and many training
/// scripts' checkpoints do) or a <c>.safetensors</c> file, through TorchSharp.PyBridge.
/// </summary>
internal static class CheckpointReader
{
    /// <summary>Keys under which training scripts nest the state dict.</summary>
    public static readonly IReadOnlyList<string> NestedStateDictKeys = ["model", "state_dict", "model_state_dict", "module"];

    /// <summary>Reads <paramref name="path"/> into name → tensor (CPU).</summary>
    /// <exception cref="CheckpointException">The file is absent, of an unknown kind, or unreadable.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"The checkpoint {path} does not exist.");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        TorchRuntime.EnsureLoaded();
        try
        {
            return extension switch
            {
                ".safetensors" => Safetensors.LoadStateDict(path),
                ".pth" or ".pt" or ".bin" or ".ckpt" => FromPickle(PyTorchUnpickler.UnpickleStateDict(path), path),
                _ => throw new CheckpointException($"The checkpoint {path} is neither a PyTorch pickle (.pth, .pt, .bin) nor a .safetensors file."),
            };
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"Cannot read the checkpoint {path} ({extension}): {e.Message}", e);
        }
    }

    private static Dictionary<string, Tensor> FromPickle(Hashtable table, string path)
    {
        foreach (var key in NestedStateDictKeys)
            if (table[key] is Hashtable nested) return FromPickle(nested, path);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is Tensor tensor) result[(string)entry.Key] = tensor;
            else skipped.Add($"{entry.Key} ({entry.Value?.GetType().Name ?? "null"})");
        }
        if (result.Count == 0)
            throw new CheckpointException($"The checkpoint {path} holds no tensors" +
                                          (skipped.Count > 0 ? $" (entries: {string.Join(", ", skipped)})." : "."));
        if (skipped.Count > 0)
            throw new CheckpointException($"The checkpoint {path} is not a plain state dict: {string.Join(", ", skipped)} are not tensors.");
        return result;
    }
}
