using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetVision.Onnx;
using TorchTensor = TorchSharp.torch.Tensor;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Runs ONNX models with ONNX Runtime on TorchSharp tensors.</summary>
public static class OnnxRunner
{
    /// <summary>The <c>Logits</c> of an exported classifier for images <c>[N, 3, P, P]</c> (fed as <c>Features</c> <c>[N, 3·P·P]</c>).</summary>
    public static TorchTensor ClassifierLogits(byte[] onnx, TorchTensor images)
    {
        long n = images.shape[0];
        return Run(onnx, ClassifierOnnxExporter.FeaturesName, images.reshape(n, -1), ClassifierOnnxExporter.LogitsName);
    }

    /// <summary>Feeds <paramref name="input"/> as <paramref name="inputName"/> and returns output <paramref name="outputName"/> with its shape.</summary>
    public static TorchTensor Run(byte[] onnx, string inputName, TorchTensor input, string outputName)
    {
        using var session = new InferenceSession(onnx);
        var dense = new DenseTensor<float>(input.contiguous().data<float>().ToArray(), input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, dense)]);
        var output = results.First(r => r.Name == outputName).AsTensor<float>();
        return TorchSharp.torch.tensor(output.ToArray(), output.Dimensions.ToArray().Select(d => (long)d).ToArray());
    }
}
