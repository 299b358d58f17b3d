using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Pretrained;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Pretrained;

public class StateDictLoaderTests
{
    public StateDictLoaderTests() => TorchRuntime.EnsureLoaded();

    private static Dictionary<string, Tensor> StateOf(nn.Module module) =>
        module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    [Fact]
    public void Load_ImageNetHeadIntoTenClassResNet_LoadsBackboneAndReplacesHead()
    {
        torch.random.manual_seed(1);
        using var imageNet = ModelRegistry.Create("resnet18", new ModelSpec(1000, 64));
        var checkpoint = StateOf(imageNet);
        torch.random.manual_seed(2);
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        using var headBefore = model.state_dict()["fc.weight"].clone();

        var result = StateDictLoader.Load(model, checkpoint, ["fc."], "imagenet.pth");

        Assert.Equal(120, result.Loaded);
        var note = Assert.Single(result.Notes);
        Assert.Contains("fc.weight (checkpoint [1000, 512], model [10, 512])", note);
        Assert.Contains("fc.bias", note);
        Assert.True(model.state_dict()["layer4.1.conv2.weight"].allclose(checkpoint["layer4.1.conv2.weight"], rtol: 0, atol: 0));
        Assert.True(model.state_dict()["fc.weight"].allclose(headBefore, rtol: 0, atol: 0));
    }

    [Fact]
    public void Load_MissingUnexpectedAndMisShapedTensors_ErrorNamesEachAndLoadsNothing()
    {
        torch.random.manual_seed(1);
        using var source = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        var checkpoint = StateOf(source);
        checkpoint.Remove("layer1.0.conv1.weight");
        checkpoint.Remove("layer3.1.bn2.running_var");
        checkpoint["layer5.0.conv1.weight"] = zeros(8, 8, 3, 3);
        checkpoint["bn1.weight"] = ones(32);
        torch.random.manual_seed(2);
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        using var before = model.state_dict()["conv1.weight"].clone();

        var error = Assert.Throws<CheckpointException>(() => StateDictLoader.Load(model, checkpoint, ["fc."], "broken.pth"));

        Assert.Contains("broken.pth", error.Message);
        Assert.Contains("layer1.0.conv1.weight [64, 64, 3, 3]", error.Message);
        Assert.Contains("layer3.1.bn2.running_var [256]", error.Message);
        Assert.Contains("unexpected in the checkpoint (1): layer5.0.conv1.weight", error.Message);
        Assert.Contains("bn1.weight: checkpoint [32], model [64]", error.Message);
        Assert.True(model.state_dict()["conv1.weight"].allclose(before, rtol: 0, atol: 0));
    }

    [Fact]
    public void Load_ModelWithoutHeadPrefixes_MisShapedHeadIsAnError()
    {
        using var source = ModelRegistry.Create("simple_cnn", new ModelSpec(100, 32));
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));

        var error = Assert.Throws<CheckpointException>(() => StateDictLoader.Load(model, StateOf(source), [], "cnn100.pth"));

        Assert.Contains("classifier.3.weight: checkpoint [100, 128], model [10, 128]", error.Message);
        Assert.Contains("classifier.3.bias: checkpoint [100], model [10]", error.Message);
    }

    [Fact]
    public void Load_CheckpointWithoutBatchCounters_LoadsAndNotesCountersStartAtZero()
    {
        using var source = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        var checkpoint = StateOf(source).Where(p => !p.Key.EndsWith("num_batches_tracked")).ToDictionary();
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));

        var result = StateDictLoader.Load(model, checkpoint, ["fc."], "old.pth");

        Assert.Equal(102, result.Loaded);
        Assert.Contains(result.Notes, n => n.Contains("20 BatchNorm num_batches_tracked counters"));
    }
}
