using System.Text;
using System.Text.Json;
using MlNetVision.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training.Checkpoints;

/// <summary>
/// Writes and reads a run's checkpoint (<c>checkpoint.bin</c>: state, weights, optimizer state, torch RNG
/// state) and its best weights by validation accuracy (<c>best-weights.bin</c>) in one folder. Every write
/// goes through a temporary file, is flushed to disk and renamed, so a crash leaves the previous checkpoint.
/// </summary>
internal sealed class CheckpointStore(string folder)
{
    /// <summary>The checkpoint file name.</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>The best-weights file name.</summary>
    public const string BestWeightsFile = "best-weights.bin";

    private const string Magic = "MLNVCKPT";
    private const int FormatVersion = 1;

    /// <summary>The folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>Path of <see cref="CheckpointFile"/>.</summary>
    public string CheckpointPath => Path.Combine(Folder, CheckpointFile);

    /// <summary>Path of <see cref="BestWeightsFile"/>.</summary>
    public string BestWeightsPath => Path.Combine(Folder, BestWeightsFile);

    /// <summary>True when a checkpoint exists.</summary>
    public bool HasCheckpoint => File.Exists(CheckpointPath);

    /// <summary>Writes the checkpoint.</summary>
    public void Save(TrainingState state, nn.Module model, optim.Optimizer optimizer)
    {
        var json = JsonSerializer.Serialize(state);
        using var rng = random.get_rng_state();
        var rngBytes = rng.data<byte>().ToArray();
        AtomicFile.Write(CheckpointPath, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(json);
            writer.Write(rngBytes.Length);
            writer.Write(rngBytes);
            model.save(writer);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        });
    }

    /// <summary>
    /// Restores weights, optimizer state and the torch RNG from the checkpoint and returns the state.
    /// </summary>
    /// <exception cref="MlNetVisionException">Missing, corrupt, or written for another configuration.</exception>
    public TrainingState Load(nn.Module model, optim.Optimizer optimizer, string fingerprint)
    {
        if (!HasCheckpoint) throw new MlNetVisionException($"No checkpoint to resume from in {Folder} ({CheckpointFile} is missing).");
        try
        {
            using var stream = File.OpenRead(CheckpointPath);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic) throw new InvalidDataException("not an MlNetVision checkpoint");
            int version = reader.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"checkpoint format {version}; this build reads {FormatVersion}");
            var state = JsonSerializer.Deserialize<TrainingState>(reader.ReadString()) ?? throw new InvalidDataException("empty state");
            if (state.Fingerprint != fingerprint)
                throw new MlNetVisionException($"The checkpoint in {Folder} belongs to another configuration; resume with the options it was written with.\n  checkpoint: {state.Fingerprint}\n  this run:   {fingerprint}");
            var rngBytes = reader.ReadBytes(reader.ReadInt32());
            model.load(reader);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
            using var rng = tensor(rngBytes, ScalarType.Byte);
            random.set_rng_state(rng);
            return state;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or JsonException or ArgumentException)
        {
            throw new MlNetVisionException($"The checkpoint {CheckpointPath} cannot be read ({e.Message}); it is corrupt or from another version.", e);
        }
    }

    /// <summary>Writes the best weights so far.</summary>
    public void SaveBest(nn.Module model) => AtomicFile.Write(BestWeightsPath, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        model.save(writer);
    });

    /// <summary>Loads the best weights into <paramref name="model"/>; false when there are none.</summary>
    public bool TryLoadBest(nn.Module model)
    {
        if (!File.Exists(BestWeightsPath)) return false;
        using var reader = new BinaryReader(File.OpenRead(BestWeightsPath), Encoding.UTF8);
        model.load(reader);
        return true;
    }

    /// <summary>Removes the checkpoint and best weights (after a run completed and its model was saved).</summary>
    public void Clear()
    {
        File.Delete(CheckpointPath);
        File.Delete(BestWeightsPath);
    }
}
