using MlNetVision.Registry;
using System.Net;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Pretrained;
using MlNetVision.Tests.TestSupport;
using TorchSharp;
using TorchSharp.PyBridge;

namespace MlNetVision.Tests.Pretrained;

public class PretrainedLoaderTests
{
    public PretrainedLoaderTests() => TorchRuntime.EnsureLoaded();

    private sealed class OfflineHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Network is unreachable");
    }

    [Fact]
    public void Apply_None_KeepsInitialWeights()
    {
        torch.random.manual_seed(5);
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        using var before = model.state_dict()["conv1.weight"].clone();
        var log = new StringWriter();

        var loaded = PretrainedLoader.Apply(model, "none", log);

        Assert.Null(loaded);
        Assert.True(model.state_dict()["conv1.weight"].allclose(before, rtol: 0, atol: 0));
        Assert.Contains("from scratch", log.ToString());
    }

    [Fact]
    public void Apply_DefaultForModelWithoutPretrainedWeights_TrainsFromScratch()
    {
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));

        Assert.Null(PretrainedLoader.Apply(model, null, TextWriter.Null));
    }

    [Fact]
    public void Apply_DefaultResNet18Offline_ErrorSaysWhereToPutTheFile()
    {
        using var cache = new TempFolder();
        using var http = new HttpClient(new OfflineHandler());
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));

        var error = Assert.Throws<CheckpointException>(() =>
            PretrainedLoader.Apply(model, null, TextWriter.Null, new WeightsDownloader(http, cache.Path)));

        Assert.Contains($"copy it to {cache.Combine("resnet18-f37072fd.pth")}", error.Message);
        Assert.Contains("Network is unreachable", error.Message);
    }

    [Theory]
    [InlineData("imagenet.pth")]
    [InlineData("imagenet.safetensors")]
    public void Apply_ThousandClassCheckpointFile_LoadsBackboneAndLogsReplacedHead(string fileName)
    {
        using var temp = new TempFolder();
        var path = temp.Combine(fileName);
        torch.random.manual_seed(1);
        using (var imageNet = ModelRegistry.Create("resnet18", new ModelSpec(1000, 64)))
        {
            if (fileName.EndsWith(".pth")) imageNet.save_py(path);
            else imageNet.save_safetensors(path);
        }
        var reference = CheckpointReader.Read(path);
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        var log = new StringWriter();

        var loaded = PretrainedLoader.Apply(model, path, log);

        Assert.Equal(path, loaded);
        Assert.Contains("loaded 120 tensors", log.ToString());
        Assert.Contains("fc.weight (checkpoint [1000, 512], model [10, 512])", log.ToString());
        Assert.True(model.state_dict()["layer2.0.downsample.0.weight"].allclose(reference["layer2.0.downsample.0.weight"], rtol: 0, atol: 0));
    }
}
