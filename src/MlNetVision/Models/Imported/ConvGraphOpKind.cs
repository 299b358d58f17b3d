namespace MlNetVision.Models.Imported;

/// <summary>The operations an imported convolutional graph may use.</summary>
internal enum ConvGraphOpKind
{
    /// <summary>2-D convolution (trainable weight, optional bias), explicit possibly asymmetric padding.</summary>
    Conv,
    /// <summary>Batch normalisation over channels (trainable scale and bias, running statistics).</summary>
    BatchNorm,
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>Element-wise sum of two values (residual connections).</summary>
    Add,
    /// <summary>Max pooling, explicit possibly asymmetric padding (padded cells never win).</summary>
    MaxPool,
    /// <summary>Average pooling with a fixed window.</summary>
    AveragePool,
    /// <summary>Average over all spatial positions, to <c>[N, C, 1, 1]</c>, at any input size.</summary>
    GlobalAveragePool,
}
