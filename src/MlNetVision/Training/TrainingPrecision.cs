namespace MlNetVision.Training;

/// <summary>The number type of the training steps (<see cref="TorchImageClassifierOptions.Precision"/>).</summary>
public enum TrainingPrecision
{
    /// <summary>float32 throughout.</summary>
    Float32,

    /// <summary>
    /// bfloat16 forward and backward passes over float32 master weights, as PyTorch's mixed precision with master
    /// weights: the network's weights are bfloat16 copies (BatchNorm keeps float32 parameters and statistics), each
    /// step's gradients are cast to float32 for the optimizer, and the updated master weights are copied back.
    /// Fast where the CPU has bfloat16 instructions (AVX-512 BF16, AMX); elsewhere libtorch emulates them slowly.
    /// </summary>
    Bfloat16,
}
