using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Training.Optimizers;

/// <summary>
/// TorchSharp's <see cref="Adam"/> (L2 weight decay added to the gradient) with its step done in one pass over memory
/// (<see cref="AdamKernel"/>); same state and options (its state dict carries its own type name). Falls back to the per-tensor step when a
/// parameter is not a dense float32 CPU tensor or a closure is given.
/// </summary>
internal sealed class FusedAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
    : Adam(parameters, lr, beta1, beta2, eps, weight_decay)
{
    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is null && AdamUpdate.TryRun(_parameter_groups, Settings, Moments, decoupled: false)) return null!;
        return base.step(closure);
    }

    private static AdamUpdate.Settings Settings(TorchSharp.Modules.ParamGroup group)
    {
        var o = (Options)group.Options;
        return new(o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.weight_decay!.Value);
    }

    private AdamUpdate.Moments Moments(Parameter parameter)
    {
        var state = (State)_state[parameter.Handle];
        return new(state.exp_avg, state.exp_avg_sq, () => ++state.step);
    }
}
