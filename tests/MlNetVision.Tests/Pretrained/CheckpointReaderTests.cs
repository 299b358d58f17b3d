using MlNetVision.Native;
using MlNetVision.Pretrained;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Pretrained;

public class CheckpointReaderTests
{
    public CheckpointReaderTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Read_SafetensorsWrittenByPython_HasTimmNamesAndShapes()
    {
        var state = CheckpointReader.Read(Fixtures.PathOf("deit_reduced.safetensors"));

        Assert.Equal(new long[] { 144, 48 }, state["blocks.1.attn.qkv.weight"].shape);
        Assert.Equal(new long[] { 1, 10, 48 }, state["pos_embed"].shape);
        Assert.Equal(32, state.Count);
    }

    [Fact]
    public void Read_PthNestedUnderModel_SameTensorsAsSafetensors()
    {
        var fromSafetensors = CheckpointReader.Read(Fixtures.PathOf("deit_reduced.safetensors"));

        var fromPickle = CheckpointReader.Read(Fixtures.PathOf("deit_reduced.pth"));

        Assert.Equal(fromSafetensors.Keys.Order(), fromPickle.Keys.Order());
        Assert.All(fromSafetensors, p => Assert.True(p.Value.allclose(fromPickle[p.Key], rtol: 0, atol: 0), p.Key));
    }

    [Fact]
    public void Read_UnknownExtension_ErrorNamesAcceptedKinds()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("weights.onnx");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(".safetensors", error.Message);
    }

    [Fact]
    public void Read_MissingFile_ErrorNamesPath()
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointReader.Read("/nonexistent/resnet18.pth"));

        Assert.Contains("/nonexistent/resnet18.pth does not exist", error.Message);
    }

    [Fact]
    public void Read_CorruptPth_ErrorNamesFile()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("corrupt.pth");
        File.WriteAllText(path, "not a zip archive");

        var error = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(path));

        Assert.Contains($"Cannot read the checkpoint {path}", error.Message);
    }
}
