using System.Diagnostics;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Training.Augmentation;
using MlNetVision.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// The one training loop: per epoch a seeded shuffle, then, for the steps its <see cref="EpochPlan"/> gives, per step
/// (inside its own dispose scope) batch → augment → resize → normalise → forward → cross-entropy → backward →
/// optional gradient clipping → optimizer step with the scheduled rate. Validation accuracy (eval mode, no grad)
/// after each epoch when there is a validation split. With a <see cref="CheckpointStore"/>, it writes a checkpoint
/// after every epoch, every <see cref="TrainingRuntime.CheckpointIntervalMinutes"/>, and when cancelled
/// (after finishing the current step), keeps the best weights by validation accuracy, and can resume
/// exactly: the shuffle of epoch e and the augmentation of step s depend only on (seed, e) and (seed, s).
/// The model is any module from inputs to logits: a whole classifier on image batches, or just its head on
/// precomputed features (<see cref="FrozenBackboneTraining"/>).
/// </summary>
internal sealed class TrainingLoop(TorchImageClassifierOptions options, TrainingRuntime? runtime = null, TextWriter? log = null)
{
    private readonly TextWriter _log = log ?? Console.Error;
    private readonly TrainingRuntime _runtime = runtime ?? TrainingRuntime.Default;

    /// <summary>Raised after every optimizer step with the global step count.</summary>
    public event Action<long>? StepCompleted;

    /// <summary>A string that identifies everything that makes two runs' steps identical: the recipe and the data's shape
    /// (how the run executes, <see cref="TrainingRuntime"/>, is not part of it).</summary>
    public static string Fingerprint(TorchImageClassifierOptions options, int trainCount, IReadOnlyList<string> classNames) =>
        System.Text.Json.JsonSerializer.Serialize(options) + $"|train={trainCount}|classes={string.Join(",", classNames)}";

    /// <summary>Trains <paramref name="model"/> in place; <paramref name="epochCallback"/> receives each epoch's record
    /// once its checkpoint is written.</summary>
    public TrainingResult Run(nn.Module<Tensor, Tensor> model, IBatchSource train, IBatchSource? validation,
        CancellationToken cancellation = default, CheckpointStore? store = null, string? fingerprint = null, IBatchSource? monitor = null,
        Action<EpochRecord>? epochCallback = null)
    {
        var plan = EpochPlan.For(options, train.Count);
        long totalSteps = plan.TotalSteps;
        var schedule = LearningRateSchedule.For(options, totalSteps);
        using var mixed = options.Precision == TrainingPrecision.Bfloat16 ? new Bf16MasterWeights(model) : null;
        using var optimizer = mixed is null ? OptimizerFactory.Create(model, options) : OptimizerFactory.Create(mixed.Masters, options);
        var augmentation = AugmentationPipeline.Parse(options.Augmentation);
        fingerprint ??= "unnamed";
        var state = store is not null && _runtime.Resume && store.HasCheckpoint ? store.Load(model, optimizer, fingerprint) : TrainingState.Start(fingerprint);
        mixed?.Engage();
        void InFloat32(Action action) { if (mixed is null) action(); else mixed.InFloat32(action); }
        long resumedFrom = state.GlobalStep;
        if (resumedFrom > 0) _log.WriteLine($"resuming at epoch {state.Epoch}, step {state.StepInEpoch + 1} (global step {state.GlobalStep}) from {store!.CheckpointPath}");
        var history = state.History.ToList();
        var lastCheckpoint = Stopwatch.StartNew();
        using var lookahead = options.LookaheadInterval > 0 ? new LookaheadAverage(model) : null;

        for (int epoch = state.Epoch; epoch <= options.Epochs; epoch++)
        {
            var order = EpochOrder(train.Count, epoch);
            model.train();
            if (model is IEpochScheduled scheduled) scheduled.BeginEpoch(epoch);
            bool continuing = epoch == state.Epoch;
            double lossSum = continuing ? state.LossSum : 0, secondsBefore = continuing ? state.EpochSeconds : 0;
            long correct = continuing ? state.Correct : 0, seen = continuing ? state.Seen : 0;
            int firstStep = continuing ? state.StepInEpoch : 0;
            long step = state.GlobalStep;
            double rate = schedule.At(Math.Max(0, step - 1));
            int stepsPerEpoch = plan.StepsIn(epoch);
            var clock = Stopwatch.StartNew();
            using var bar = _runtime.ShowProgress ? new ConsoleProgress($"epoch {epoch}/{options.Epochs}", _log == Console.Error ? null : _log) : null;
            for (int s = firstStep; s < stepsPerEpoch; s++, step++)
            {
                double stepLoss;
                if (cancellation.IsCancellationRequested)
                {
                    var stopped = new TrainingState(epoch, s, step, lossSum, correct, seen, secondsBefore + clock.Elapsed.TotalSeconds, history,
                        state.BestValidationAccuracy, state.BestEpoch, fingerprint);
                    if (store is not null) InFloat32(() => store.Save(stopped, model, optimizer));
                    _log.WriteLine();
                    _log.WriteLine($"interrupted at epoch {epoch}, step {s + 1}{(store is null ? "" : $"; checkpoint written to {store.CheckpointPath}")}");
                    return new TrainingResult(history, true, state.BestValidationAccuracy, state.BestEpoch, resumedFrom);
                }
                using (var scope = NewDisposeScope())
                {
                    int start = s * options.BatchSize, count = plan.RowsIn(s);
                    var indices = tensor(order.AsSpan(start, count).ToArray(), ScalarType.Int64).to(train.Device);
                    var (inputs, labels) = train.Batch(indices, augmentation, options.Seed, step, epoch);
                    if (options.ChannelsLast) inputs = MemoryLayout.ChannelsLast(inputs);
                    if (mixed is not null) inputs = mixed.Input(inputs);
                    rate = schedule.At(step);
                    OptimizerFactory.SetLearningRate(optimizer, rate, options.LearningRate);
                    optimizer.zero_grad();
                    var logits = model.forward(inputs).to(ScalarType.Float32);
                    var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: options.LabelSmoothing);
                    float lossValue = loss.item<float>();
                    if (!float.IsFinite(lossValue))
                        throw new MlNetVisionException($"Training diverged: the loss is {lossValue} at epoch {epoch}, step {s + 1}. " +
                            (store is { HasCheckpoint: true } ? $"The last good checkpoint is kept in {store.CheckpointPath}. " : "") +
                            "Try a lower learning rate or --clip-grad.");
                    loss.backward();
                    mixed?.CopyGradients();
                    if (options.GradientClipNorm > 0) nn.utils.clip_grad_norm_(mixed is null ? model.parameters() : mixed.Masters, options.GradientClipNorm);
                    optimizer.step();
                    mixed?.CopyWeights();
                    if (lookahead is not null && (step + 1) % options.LookaheadInterval == 0)
                        lookahead.Update(LookaheadAverage.Decay(step + 1, totalSteps, options.LookaheadInterval));
                    if (lookahead is not null && step + 1 == totalSteps) lookahead.Update(1);
                    stepLoss = lossValue;
                    lossSum += lossValue * count;
                    correct += logits.argmax(1).eq(labels).sum().item<long>();
                    seen += count;
                }
                StepCompleted?.Invoke(step + 1);
                _runtime.StepCallback?.Invoke(new StepRecord(step + 1, epoch, stepLoss, rate));
                double elapsed = secondsBefore + clock.Elapsed.TotalSeconds;
                bar?.Report(s + 1, stepsPerEpoch,
                    $"step {s + 1}/{stepsPerEpoch} loss {lossSum / seen:0.0000} acc {(double)correct / seen:0.0000} {seen / Math.Max(elapsed, 1e-9):0} img/s");
                if (store is not null && _runtime.CheckpointIntervalMinutes > 0 && lastCheckpoint.Elapsed.TotalMinutes >= _runtime.CheckpointIntervalMinutes && s + 1 < stepsPerEpoch)
                {
                    var progress = new TrainingState(epoch, s + 1, step + 1, lossSum, correct, seen, elapsed, history, state.BestValidationAccuracy, state.BestEpoch, fingerprint);
                    InFloat32(() => store.Save(progress, model, optimizer));
                    lastCheckpoint.Restart();
                }
            }
            double seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            double? validationAccuracy = validation is null ? null : Accuracy(model, validation, mixed);
            var monitorClock = Stopwatch.StartNew();
            double? monitorAccuracy = monitor is null ? null : Accuracy(model, monitor, mixed);
            var record = new EpochRecord(epoch, lossSum / seen, (double)correct / seen, validationAccuracy, seconds, rate)
            {
                MonitorAccuracy = monitorAccuracy,
                MonitorSeconds = monitor is null ? null : monitorClock.Elapsed.TotalSeconds,
                Images = seen,
            };
            history.Add(record);
            var best = (state.BestValidationAccuracy, state.BestEpoch);
            bool improved = validationAccuracy is { } v && (best.BestValidationAccuracy is null || v > best.BestValidationAccuracy);
            if (improved) best = (validationAccuracy, epoch);
            state = new TrainingState(epoch + 1, 0, step, 0, 0, 0, 0, history, best.BestValidationAccuracy, best.BestEpoch, fingerprint);
            var epochEnd = state;
            InFloat32(() =>
            {
                if (improved) store?.SaveBest(model);
                store?.Save(epochEnd, model, optimizer);
                _runtime.HistogramCallback?.Invoke(epoch, ParameterHistogram.Of(model));
            });
            lastCheckpoint.Restart();
            bar?.Report(stepsPerEpoch, stepsPerEpoch,
                $"loss {record.TrainLoss:0.0000} acc {record.TrainAccuracy:0.0000}{(validationAccuracy is null ? "" : $" val {validationAccuracy:0.0000}")}{(record.MonitorAccuracy is null ? "" : $" monitor {record.MonitorAccuracy:0.0000}")} {seen / record.Seconds:0} img/s", force: true);
            epochCallback?.Invoke(record);
        }
        return new TrainingResult(history, false, state.BestValidationAccuracy, state.BestEpoch, resumedFrom);
    }

    /// <summary>The order of the training rows in <paramref name="epoch"/>: a shuffle seeded by (seed, epoch) only.</summary>
    public long[] EpochOrder(int count, int epoch)
    {
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        new Random((int)(AugmentationPipeline.StepSeed(options.Seed, -epoch) & int.MaxValue)).Shuffle(order);
        return order;
    }

    /// <summary>Accuracy of <paramref name="model"/> over <paramref name="data"/>, in eval mode without gradients
    /// (with <paramref name="mixed"/>, in its bfloat16 network).</summary>
    public double Accuracy(nn.Module<Tensor, Tensor> model, IBatchSource data, Bf16MasterWeights? mixed = null)
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
            if (options.ChannelsLast) inputs = MemoryLayout.ChannelsLast(inputs);
            if (mixed is not null) inputs = mixed.Input(inputs);
            correct += model.forward(inputs).argmax(1).eq(labels).sum().item<long>();
        }
        model.train();
        return (double)correct / data.Count;
    }
}
