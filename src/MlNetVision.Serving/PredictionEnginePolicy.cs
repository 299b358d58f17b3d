using System.Collections.Concurrent;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace MlNetVision.Serving;

/// <summary>Creates the pool's prediction engines and remembers them, so that shutdown disposes every one.</summary>
public sealed class PredictionEnginePolicy(MLContext mlContext, ITransformer model)
    : PooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>, IDisposable
{
    private readonly ConcurrentDictionary<PredictionEngine<ModelInput, ModelOutput>, byte> _created = new(ReferenceEqualityComparer.Instance);

    /// <inheritdoc />
    public override PredictionEngine<ModelInput, ModelOutput> Create()
    {
        var engine = mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        _created[engine] = 0;
        return engine;
    }

    /// <inheritdoc />
    public override bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;

    /// <summary>Disposes an engine that failed and forgets it (it is not returned to the pool).</summary>
    public void Discard(PredictionEngine<ModelInput, ModelOutput> engine)
    {
        _created.TryRemove(engine, out _);
        engine.Dispose();
    }

    /// <summary>Disposes every engine created.</summary>
    public void Dispose()
    {
        foreach (var engine in _created.Keys) engine.Dispose();
        _created.Clear();
    }
}
