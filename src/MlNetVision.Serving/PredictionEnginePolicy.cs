using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace MlNetVision.Serving;

/// <summary>
/// Creates the pool's prediction engines. Engines are never disposed: disposing one engine of a loaded model made the
/// next engine's <c>Predict</c> throw a <see cref="NullReferenceException"/> (seen here with ML.NET 6.0.0), so an
/// engine that failed is only dropped, and the model's own disposal at shutdown frees what they share.
/// </summary>
public sealed class PredictionEnginePolicy(MLContext mlContext, ITransformer model) : PooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
{
    /// <inheritdoc />
    public override PredictionEngine<ModelInput, ModelOutput> Create() => mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);

    /// <inheritdoc />
    public override bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;
}
