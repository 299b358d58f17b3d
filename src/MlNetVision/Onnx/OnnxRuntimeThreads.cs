using Microsoft.ML;
using Microsoft.ML.Transforms.Onnx;
using MlNetVision.Native;

namespace MlNetVision.Onnx;

/// <summary>
/// Bounds the threads ONNX Runtime uses for every ONNX model an <see cref="MLContext"/> runs, including the
/// network inside a loaded model zip. ML.NET (5.0.1 and 6.0.0, read in their decompiled `SaveModel`) stores no session settings in a zip (its ONNX transformer saves
/// the model bytes, columns, shapes and recursion limit only, and the per-estimator
/// <c>OnnxOptions.IntraOpNumThreads</c> is lost on save), but it reads <see cref="OnnxSessionOptions"/> from the
/// context that creates or loads the transformer. Everything else stays at ML.NET's defaults: graph optimisation
/// <c>ORT_ENABLE_ALL</c>, sequential execution, a thread pool per session.
/// </summary>
internal static class OnnxRuntimeThreads
{
    /// <summary>
    /// Makes ONNX Runtime sessions created through <paramref name="mlContext"/> use <paramref name="threads"/>
    /// intra-op threads (0 or less = one per physical core, ONNX Runtime's own default) and one inter-op thread;
    /// returns the intra-op count.
    /// </summary>
    public static int Bound(MLContext mlContext, int threads)
    {
        int intraOp = PhysicalCores.Or(threads);
        mlContext.SetOnnxSessionOption(new OnnxSessionOptions { IntraOpNumThreads = intraOp, InterOpNumThreads = 1 });
        return intraOp;
    }
}
