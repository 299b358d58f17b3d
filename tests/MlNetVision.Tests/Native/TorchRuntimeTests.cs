using MlNetVision.Native;
using TorchSharp;

namespace MlNetVision.Tests.Native;

public class TorchRuntimeTests
{
    [Fact]
    public void EnsureLoaded_OnThisMachine_TensorOpRuns()
    {
        TorchRuntime.EnsureLoaded();
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new[] { 5f, 14f, 14f, 50f }, b.data<float>().ToArray());
    }
}
