using System.Diagnostics;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// The one training loop: per epoch a seeded shuffle, then per step (inside its own dispose scope) batch →
/// resize → normalise → forward → cross-entropy → backward → optimizer step with the scheduled rate.
/// Validation accuracy (eval mode, no grad) after each epoch when there is a validation split. The model is
/// any module from inputs to logits: a whole classifier on image batches, or just its head on precomputed
/// features (<see cref="FrozenBackboneTraining"/>).
/// </summary>
public sealed class TrainingLoop(TorchImageClassifierOptions options, TextWriter? log = null)
{
    private readonly TextWriter _log = log ?? Console.Error;

    /// <summary>Trains <paramref name="model"/> in place and returns the per-epoch history.</summary>
    public IReadOnlyList<EpochRecord> Run(nn.Module<Tensor, Tensor> model, IBatchSource train, IBatchSource? validation, CancellationToken cancellation = default)
    {
        int stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var schedule = new LearningRateSchedule(options.Schedule, options.LearningRate, (long)stepsPerEpoch * options.Epochs, options.WarmupFraction);
        using var optimizer = OptimizerFactory.Create(model.parameters(), options);
        var history = new List<EpochRecord>();
        var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
        var shuffler = new Random(options.Seed);
        long step = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            shuffler.Shuffle(order);
            model.train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            double rate = 0;
            var clock = Stopwatch.StartNew();
            using var bar = options.ShowProgress ? new ConsoleProgress($"epoch {epoch}/{options.Epochs}", _log == Console.Error ? null : _log) : null;
            for (int s = 0; s < stepsPerEpoch; s++, step++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                int start = s * options.BatchSize, count = Math.Min(options.BatchSize, train.Count - start);
                var indices = tensor(order.AsSpan(start, count).ToArray(), ScalarType.Int64).to(train.Device);
                var (inputs, labels) = train.Batch(indices);
                rate = schedule.At(step);
                OptimizerFactory.SetLearningRate(optimizer, rate);
                optimizer.zero_grad();
                var logits = model.forward(inputs);
                var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: options.LabelSmoothing);
                loss.backward();
                optimizer.step();
                float lossValue = loss.item<float>();
                if (!float.IsFinite(lossValue))
                    throw new MlNetVisionException($"Training diverged: the loss is {lossValue} at epoch {epoch}, step {s + 1}. Try a lower learning rate.");
                lossSum += lossValue * count;
                correct += logits.argmax(1).eq(labels).sum().item<long>();
                seen += count;
                bar?.Report(s + 1, stepsPerEpoch,
                    $"step {s + 1}/{stepsPerEpoch} loss {lossSum / seen:0.0000} acc {(double)correct / seen:0.0000} {seen / clock.Elapsed.TotalSeconds:0} img/s");
            }
            clock.Stop();
            double? validationAccuracy = validation is null ? null : Accuracy(model, validation);
            var record = new EpochRecord(epoch, lossSum / seen, (double)correct / seen, validationAccuracy, clock.Elapsed.TotalSeconds, rate);
            history.Add(record);
            bar?.Report(stepsPerEpoch, stepsPerEpoch,
                $"loss {record.TrainLoss:0.0000} acc {record.TrainAccuracy:0.0000}{(validationAccuracy is null ? "" : $" val {validationAccuracy:0.0000}")} {seen / record.Seconds:0} img/s", force: true);
        }
        return history;
    }

    /// <summary>Accuracy of <paramref name="model"/> over <paramref name="data"/>, in eval mode without gradients.</summary>
    public double Accuracy(nn.Module<Tensor, Tensor> model, IBatchSource data)
    {
        model.eval();
        using var noGrad = no_grad();
        long correct = 0;
        int batch = Math.Max(options.BatchSize, 256);
        for (int start = 0; start < data.Count; start += batch)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batch, data.Count - start);
            var (inputs, labels) = data.Range(start, count);
            correct += model.forward(inputs).argmax(1).eq(labels).sum().item<long>();
        }
        model.train();
        return (double)correct / data.Count;
    }
}
