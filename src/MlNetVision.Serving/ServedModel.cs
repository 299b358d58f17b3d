using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace MlNetVision.Serving;

/// <summary>
/// The one loaded model zip: its ML.NET transformer, its metadata and a pool of prediction engines (a
/// <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe, so each prediction borrows one). At most
/// <see cref="Engines"/> predictions run at once, the others wait their turn: <c>DefaultObjectPool</c> creates a new
/// engine whenever its pool is empty, so without the gate eight concurrent requests would make up to eight engines,
/// run eight ONNX Runtime calls on two cores and throw the extra engines away. Dispose it at shutdown: ML.NET keeps a
/// copy of the ONNX model in <c>MLContext.TempFilePath</c> until the model is disposed.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly ITransformer _model;
    private readonly DefaultObjectPool<PredictionEngine<ModelInput, ModelOutput>> _pool;
    private readonly SemaphoreSlim _turns;
    private int _disposed;

    private ServedModel(MLContext mlContext, ITransformer model, ModelInfo info)
    {
        _model = model;
        Info = info;
        _pool = new DefaultObjectPool<PredictionEngine<ModelInput, ModelOutput>>(new PredictionEnginePolicy(mlContext, model), Engines);
        _turns = new SemaphoreSlim(Engines, Engines);
    }

    /// <summary>Predictions that run at once, and engines kept: one per processor (each engine's ONNX Runtime calls use
    /// one thread).</summary>
    public static int Engines { get; } = Environment.ProcessorCount;

    /// <summary>What the zip is (classes, input size, experiment, network, metrics) and the app's limits.</summary>
    public ModelInfo Info { get; }

    /// <summary>
    /// Loads the zip at <see cref="ServingOptions.Model"/> through an <see cref="MLContext"/> whose ONNX Runtime sessions use one intra-op
    /// and one inter-op thread, so that the pooled engines (one per processor) do not oversubscribe the cores.
    /// Any problem is a <see cref="StartupException"/> naming the file. <see cref="Info"/> carries the options' limits.
    /// </summary>
    public static ServedModel Load(ServingOptions options)
    {
        var path = options.Model;
        if (string.IsNullOrWhiteSpace(path))
            throw new StartupException("no model: pass --model PATH (or set the Model setting or the MODEL environment variable)");
        if (!File.Exists(path)) throw new StartupException($"{path}: no such file");
        var metadata = ZipMetadata.Read(path);
        var mlContext = new MLContext();
        // ML.NET stores no session settings in a zip but reads them from the context that loads it.
        mlContext.SetOnnxSessionOption(new OnnxSessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = mlContext.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new StartupException($"{path}: not an ML.NET model ({OneLine(e.Message)})", e);
        }
        try
        {
            var classes = Classes(path, model, inputSchema);
            var info = new ModelInfo(Path.GetFileName(path), metadata.SchemaVersion, metadata.Experiment, metadata.Model, classes,
                metadata.PipelineImageSize, metadata.CreatedAt, ReportMetrics.ReadBeside(Path.GetFullPath(path)), options.Limits);
            return new ServedModel(mlContext, model, info);
        }
        catch
        {
            (model as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Predicts one image file with a pooled engine once one of the <see cref="Engines"/> turns is free. A file
    /// the zip cannot decode throws <see cref="ImageDecodeException"/>; the engine that failed is dropped, not returned
    /// to the pool.</summary>
    public async Task<ModelOutput> PredictAsync(string imagePath, CancellationToken cancel)
    {
        await _turns.WaitAsync(cancel);
        try
        {
            var engine = _pool.Get();
            ModelOutput output;
            try
            {
                output = engine.Predict(new ModelInput { ImagePath = imagePath });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ImageDecodeException(OneLine(e.Message), e);
            }
            _pool.Return(engine);
            return output;
        }
        finally
        {
            _turns.Release();
        }
    }

    /// <summary>Disposes the model (which deletes ML.NET's temporary ONNX copy). Safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        (_model as IDisposable)?.Dispose();
        _turns.Dispose();
    }

    private static string[] Classes(string path, ITransformer model, DataViewSchema inputSchema)
    {
        if (inputSchema.GetColumnOrNull("ImagePath") is not { } input || input.Type is not TextDataViewType)
            throw new StartupException($"{path}: the model has no string input column ImagePath");
        DataViewSchema output;
        try
        {
            output = model.GetOutputSchema(inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new StartupException($"{path}: the model cannot score its own input ({OneLine(e.Message)})", e);
        }
        if (output.GetColumnOrNull("PredictedLabel") is not { Type: TextDataViewType })
            throw new StartupException($"{path}: the model has no string output column PredictedLabel (a contract 2 zip has)");
        if (output.GetColumnOrNull("Score") is not { } score || score.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector
            || !score.HasSlotNames())
            throw new StartupException($"{path}: the model has no float vector output Score with slot names");
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        score.GetSlotNames(ref slotNames);
        var classes = slotNames.DenseValues().Select(n => n.ToString()).ToArray();
        if (classes.Length != vector.Size) throw new StartupException($"{path}: Score has {vector.Size} slots but {classes.Length} names");
        return classes;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
