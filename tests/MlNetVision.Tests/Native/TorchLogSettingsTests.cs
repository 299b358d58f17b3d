using System.Runtime.InteropServices;
using MlNetVision.Native;

namespace MlNetVision.Tests.Native;

public class TorchLogSettingsTests
{
    [Fact]
    public void EnsureLoaded_LibtorchLogsErrorsOnly_SoItsNnpackWarningsStayOutOfTheConsole()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TorchLogSettings.LogLevel))
            || Environment.GetEnvironmentVariable(TorchLogSettings.LogLevel) == "ERROR", "the test process must not choose a level itself");

        TorchRuntime.EnsureLoaded();

        Assert.True(NativeLibrary.TryLoad("libc10.so", typeof(TorchRuntime).Assembly, null, out var c10));
        Assert.True(NativeLibrary.TryGetExport(c10, "FLAGS_caffe2_log_level", out var level));
        Assert.Equal(2, Marshal.ReadInt32(level));   // c10's GLOG_ERROR; its default is GLOG_WARNING (1)
        Assert.Contains("libtorch log level from TORCH_CPP_LOG_LEVEL", TorchRuntime.LoadTrace);
    }
}
