using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Onnx;
using MlNetVision.Persistence;
using static TorchSharp.torch;

namespace MlNetVision.Pretrained;

/// <summary>
/// Starts a model from pretrained weights, as a trainer option asks: <c>none</c> trains from scratch; a file
/// path loads that <c>.pth</c> or <c>.safetensors</c> strictly (see <see cref="StateDictLoader"/>); null takes
/// the model's default (<see cref="IPretrainable.DefaultWeights"/>): weights bundled with a package, or the
/// download cached in <c>~/.cache/mlnetvision/weights</c> (downloaded on first use), and nothing for a model
/// without pretrained weights.
/// </summary>
internal static class PretrainedLoader
{
    /// <summary>The option value that asks for training from scratch.</summary>
    public const string None = "none";

    /// <summary>The default weights cache folder.</summary>
    public static string CacheFolder => Path.Combine(CacheFolders.Root, "weights");

    /// <summary>Applies <paramref name="pretrained"/> to <paramref name="model"/>; returns what was loaded, or null for from scratch.</summary>
    /// <param name="model">The freshly built model.</param>
    /// <param name="pretrained">null (the model's default), <c>none</c>, or a checkpoint path.</param>
    /// <param name="log">Receives what was loaded and every deliberate difference.</param>
    /// <param name="downloader">Downloads missing default weights (default: a plain HTTP client into <see cref="CacheFolder"/>).</param>
    /// <param name="modelName">The model's registered name, checked against a model zip's metadata.</param>
    /// <exception cref="CheckpointException">The checkpoint does not fit, or the default weights are unavailable.</exception>
    public static string? Apply(ImageClassifier model, string? pretrained, TextWriter log, WeightsDownloader? downloader = null, string? modelName = null)
    {
        if (string.Equals(pretrained, None, StringComparison.OrdinalIgnoreCase))
        {
            log.WriteLine($"{model.GetName()}: training from scratch (--pretrained none)");
            return null;
        }
        var pretrainable = model as IPretrainable;
        if (pretrained is not null) return LoadFile(model, pretrainable, pretrained, log, modelName);
        if (pretrainable?.DefaultWeights is not { } weights) return null;
        if (weights.Bundled is { } bundled)
        {
            var stateDict = bundled();
            try
            {
                Load(model, pretrainable, stateDict, weights.Description, log);
            }
            finally
            {
                foreach (var tensor in stateDict.Values) tensor.Dispose();
            }
            return weights.Description;
        }
        var path = Download(weights, log, downloader);
        LoadFile(model, pretrainable, path, log);
        return $"{weights.Description} ({path})";
    }

    private static string LoadFile(ImageClassifier model, IPretrainable? pretrainable, string path, TextWriter log, string? modelName = null)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path)) throw new CheckpointException($"The checkpoint {path} does not exist.");
        if (Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase)) return LoadZip(model, path, log, modelName);
        if (TorchSharpWeights.TryLoad(model, path)) 
        {
            log.WriteLine($"{model.GetName()}: continuing from the weights in {path} (TorchSharp format, all tensors)");
            return path;
        }
        var stateDict = CheckpointReader.Read(path);
        try
        {
            Load(model, pretrainable, stateDict, path, log);
        }
        finally
        {
            foreach (var tensor in stateDict.Values) tensor.Dispose();
        }
        return path;
    }

    /// <summary>
    /// Continues from a model zip of ours: the network's weights read back from the ONNX model inside it
    /// (<see cref="OnnxWeights"/>). The zip must come from the same model (its metadata's name) and class count; tensors
    /// the exported network never uses (so not in its graph) keep the new model's values, and the log lists them.
    /// </summary>
    private static string LoadZip(ImageClassifier model, string path, TextWriter log, string? modelName)
    {
        var metadata = ModelZip.ReadMetadata(path)
            ?? throw new CheckpointException($"{path} has no MlNetVision metadata, so the model it holds is unknown; continue from a zip this suite wrote.");
        if (modelName is not null && metadata.Model != modelName)
            throw new CheckpointException($"{path} holds a {metadata.Model}, not a {modelName}: continue from a zip of the same model.");
        if (metadata.Classes.Count != model.Spec.NumClasses)
            throw new CheckpointException($"{path} classifies {metadata.Classes.Count} classes and this data set has {model.Spec.NumClasses}: continue from a zip of the same classes.");
        var onnx = ModelZip.ReadOnnxModels(path);
        if (onnx.Count != 1)
            throw new CheckpointException($"{path} holds {onnx.Count} ONNX models; continuing needs a zip of one trained network (the featurizer baseline's cannot be continued).");
        var (stateDict, missing) = OnnxWeights.Read(model, onnx[0]);
        try
        {
            if (stateDict.Count == 0)
                throw new CheckpointException($"{path} holds none of {model.GetName()}'s tensors: continue from a zip of the same model.");
            var loaded = StateDictLoader.Load(model, stateDict, [], path, allowMissing: missing);
            log.WriteLine($"{model.GetName()}: continuing from {path}: {loaded.Loaded} tensors read back from its ONNX model" +
                (missing.Count > 0 ? $"; {string.Join(", ", missing)} not in its graph (unused by the exported network), kept as built" : ""));
        }
        finally
        {
            foreach (var tensor in stateDict.Values) tensor.Dispose();
        }
        return path;
    }

    private static void Load(ImageClassifier model, IPretrainable? pretrainable, Dictionary<string, Tensor> stateDict, string source, TextWriter log)
    {
        var adaptations = pretrainable?.AdaptCheckpoint(stateDict) ?? [];
        var result = StateDictLoader.Load(model, stateDict, pretrainable?.HeadPrefixes ?? [], source);
        log.WriteLine($"{model.GetName()}: loaded {result.Loaded} tensors from {source}");
        foreach (var note in adaptations.Concat(result.Notes)) log.WriteLine($"  {note}");
    }

    private static string Download(PretrainedWeights weights, TextWriter log, WeightsDownloader? downloader)
    {
        using var http = downloader is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromMinutes(30) }
            : null;
        downloader ??= new WeightsDownloader(http!, CacheFolder);
        var target = downloader.PathOf(weights);
        if (!File.Exists(target)) log.WriteLine($"{weights.Description}: not in {target}; downloading {weights.DownloadUri}");
        using var bar = new ConsoleProgress("download", log == Console.Error ? null : log);
        var progress = new SynchronousProgress<(long Done, long? Total)>(p => bar.Report(p.Done, p.Total ?? p.Done, $"{p.Done / 1e6:0.0} MB"));
        return downloader.EnsureAsync(weights, progress).GetAwaiter().GetResult();
    }
}
