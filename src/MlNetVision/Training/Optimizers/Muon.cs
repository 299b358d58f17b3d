using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Training.Optimizers;

/// <summary>
/// Muon for the filters, Nesterov SGD for the rest, in one optimizer (airbench94_muon's pairing). The
/// <c>orthogonalized</c> group (conv filters, ≥ 2-D) steps as Muon: Nesterov momentum on the raw gradient, the
/// weight rescaled to norm √(output channels) (the step's only weight control: no weight decay), then
/// <c>w ← w − lr · NewtonSchulz(update as [out, in·k·k])</c>. Every other group is TorchSharp's <see cref="SGD"/>,
/// unchanged. The Muon group is an ordinary SGD parameter group (its momentum buffer is SGD's state), so
/// schedules, checkpoints and resumption treat it like the others.
/// </summary>
internal sealed class Muon : SGD
{
    private readonly SGD.ParamGroup _orthogonalized;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="orthogonalized">The parameters Muon updates (each at least 2-D); its rate, momentum and Nesterov flag apply, weight decay must be 0.</param>
    /// <param name="others">Plain Nesterov-SGD groups.</param>
    public Muon(SGD.ParamGroup orthogonalized, IEnumerable<SGD.ParamGroup> others)
        : base(others.Prepend(orthogonalized), orthogonalized.Options.LearningRate!.Value, orthogonalized.Options.momentum ?? 0,
            weight_decay: 0, nesterov: orthogonalized.Options.nesterov ?? false)
    {
        if (orthogonalized.Parameters.Any(p => p.dim() < 2))
            throw new ArgumentException("Muon orthogonalises matrices: every parameter of its group needs at least 2 dimensions.", nameof(orthogonalized));
        if ((orthogonalized.Options.weight_decay ?? 0) != 0)
            throw new ArgumentException("Muon's group takes no weight decay: its weights are renormalised every step.", nameof(orthogonalized));
        _orthogonalized = orthogonalized;
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is not null) throw new NotSupportedException("Muon does not take a closure.");
        using (no_grad())
        {
            var options = _orthogonalized.Options;
            double momentum = options.momentum!.Value, lr = options.LearningRate!.Value;
            foreach (var parameter in _orthogonalized.Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is null) continue;
                using var scope = NewDisposeScope();
                var state = (State)_state[parameter.Handle];
                if (state.momentum_buffer is null) state.momentum_buffer = gradient.clone().DetachFromDisposeScope();
                else state.momentum_buffer.mul_(momentum).add_(gradient);
                var direction = options.nesterov!.Value ? gradient.add(state.momentum_buffer, alpha: momentum) : state.momentum_buffer;
                long rows = parameter.shape[0];
                parameter.mul_(Math.Sqrt(rows) / parameter.norm().item<float>());
                var update = NewtonSchulz.Orthogonalize(direction.reshape(rows, -1)).view(parameter.shape);
                parameter.add_(update, alpha: -lr);
                parameter.grad = null;                       // done: the SGD step below skips it
            }
        }
        return base.step();
    }
}
