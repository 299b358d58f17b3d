using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// Mixed-precision training with float32 master weights (<see cref="TrainingPrecision.Bfloat16"/>). TorchSharp 0.107
/// has no <c>torch.autocast</c>, so the network itself runs in bfloat16 (every floating-point parameter and buffer
/// except BatchNorm's, which libtorch's CPU batch norm takes in float32 beside bfloat16 inputs) while
/// <see cref="Masters"/>, float32 copies of the trainable parameters, are what the optimizer updates.
/// <list type="number">
/// <item>Create it over the float32 model and build the optimizer over <see cref="Masters"/>;</item>
/// <item>restore a checkpoint into the float32 model if there is one, then <see cref="Engage"/>;</item>
/// <item>per step: <see cref="Input"/>, forward, loss on float32 logits, backward, <see cref="CopyGradients"/>,
///   the optimizer's step, <see cref="CopyWeights"/>;</item>
/// <item>anything that saves or exports the model runs inside <see cref="InFloat32"/>.</item>
/// </list>
/// Disposing leaves the model in float32 holding the master weights.
/// </summary>
internal sealed class Bf16MasterWeights : IDisposable
{
    private readonly nn.Module _model;
    private readonly List<(string Name, Parameter Master)> _masters;
    private bool _engaged;

    /// <summary>Starts master copies of <paramref name="model"/>'s trainable float32 parameters (the model stays float32).</summary>
    public Bf16MasterWeights(nn.Module model)
    {
        _model = model;
        using var noGrad = no_grad();
        _masters = model.named_parameters()
            .Where(p => p.parameter.requires_grad && p.parameter.dtype == ScalarType.Float32)
            .Select(p => (p.name, new Parameter(p.parameter.detach().clone(), requires_grad: true)))
            .ToList();
    }

    /// <summary>The float32 master weights, in the model's parameter order: what the optimizer updates.</summary>
    public IReadOnlyList<Parameter> Masters => _masters.Select(m => m.Master).ToList();

    /// <summary>Copies the float32 model's weights into the masters (e.g. after a checkpoint was loaded into it) and
    /// converts the model to bfloat16, BatchNorm excepted, keeping BatchNorm's float32 values exactly.</summary>
    public void Engage()
    {
        if (_engaged) return;
        using var noGrad = no_grad();
        var parameters = Parameters();
        foreach (var (name, master) in _masters) master.copy_(parameters[name]);
        var kept = _model.named_buffers().Where(b => b.buffer.dtype == ScalarType.Float32)
            .Select(b => (b.name, Value: b.buffer.detach().clone())).ToList();
        _model.to(ScalarType.BFloat16);
        foreach (var norm in _model.modules().OfType<BatchNorm>()) norm.to(ScalarType.Float32);
        var buffers = _model.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, value) in kept)
        {
            if (buffers[name].dtype == ScalarType.Float32) buffers[name].copy_(value);
            value.Dispose();
        }
        CopyWeights();
        _engaged = true;
    }

    /// <summary>A batch in the network's input type.</summary>
    public Tensor Input(Tensor batch) => _engaged ? batch.to(ScalarType.BFloat16) : batch;

    /// <summary>Hands the network's gradients to the masters as float32 and clears the network's.</summary>
    public void CopyGradients()
    {
        var parameters = Parameters();
        foreach (var (name, master) in _masters)
        {
            var parameter = parameters[name];
            using var gradient = parameter.grad;
            master.grad = gradient is null ? null : gradient.to(ScalarType.Float32);
            parameter.grad = null;
        }
    }

    /// <summary>Copies the masters into the network (cast to its types) after an optimizer step.</summary>
    public void CopyWeights()
    {
        using var noGrad = no_grad();
        var parameters = Parameters();
        foreach (var (name, master) in _masters) parameters[name].copy_(master);
    }

    /// <summary>Runs <paramref name="action"/> with the model in float32 holding the master weights (for checkpoints,
    /// best weights and anything that reads the weights), then returns to bfloat16.</summary>
    public void InFloat32(Action action)
    {
        bool wasEngaged = _engaged;
        Disengage();
        action();
        if (wasEngaged) Engage();
    }

    /// <summary>Leaves the model in float32 with the master weights and frees the masters.</summary>
    public void Dispose()
    {
        Disengage();
        foreach (var (_, master) in _masters) master.Dispose();
    }

    private void Disengage()
    {
        if (!_engaged) return;
        _model.to(ScalarType.Float32);
        CopyWeights();
        _engaged = false;
    }

    private Dictionary<string, Parameter> Parameters() => _model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
}
