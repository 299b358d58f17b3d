using MlNetVision.Native;
using TorchSharp;

namespace MlNetVision.Tests.Native;

public class FlushDenormalTests
{
    [Fact]
    public void Set_OnThenOff_DenormalsFlushedOnlyWhileOn()
    {
        const float denormal = 1e-40f;
        try
        {
            Assert.True(FlushDenormal.Set(true));
            using (var flushed = torch.tensor(denormal).mul(1f)) Assert.Equal(0f, flushed.item<float>());
            Assert.True(FlushDenormal.Set(false));
            using (var kept = torch.tensor(denormal).mul(1f)) Assert.Equal(denormal, kept.item<float>());
        }
        finally
        {
            FlushDenormal.Set(false);
        }
    }
}
