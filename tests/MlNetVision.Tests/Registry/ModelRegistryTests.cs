using MlNetVision.Registry;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using TorchSharp;

namespace MlNetVision.Tests.Registry;

public class ModelRegistryTests
{
    [Theory]
    [InlineData("simple_cnn", 545_098)]
    [InlineData("simple_vit", 1_205_898)]
    [InlineData("resnet18", 11_181_642)]
    [InlineData("resnet18_mlnet_imagenet", 15_902_282)]
    [InlineData("fast_cnn", 1_972_792)]
    [InlineData("cct_7_3x1", 3_765_515)]   // the paper's 3.76 M (its attention has no qkv bias: 5,376 fewer)
    [InlineData("hybrid_vit_3x192", 1_397_379)]
    public void Create_SeedModels_HaveSeedParameterCounts(string name, long parameters)
    {
        using var model = ModelRegistry.Create(name, new ModelSpec(10, 32));

        Assert.Equal(parameters, model.ParameterCount);
    }

    [Fact]
    public void Create_EveryRegisteredModel_ForwardGivesBatchByClasses()
    {
        foreach (var entry in ModelRegistry.All)
        {
            using var model = ModelRegistry.Create(entry.Name, new ModelSpec(7, entry.QuickImageSize));
            model.eval();
            using var noGrad = torch.no_grad();
            using var output = model.forward(torch.rand(3, 3, entry.QuickImageSize, entry.QuickImageSize));

            Assert.Equal(new long[] { 3, 7 }, output.shape);
        }
    }

    [Fact]
    public void Create_Seed224Cnn_HasWideHead()
    {
        using var model = ModelRegistry.Create("simple_cnn_224", new ModelSpec(10, 224));

        // conv 896 + 18,496; Linear(64·56·56 → 256) = 51,380,480; Linear(256 → 10) = 2,570
        Assert.Equal(896 + 18_496 + 51_380_480 + 2_570, model.ParameterCount);
    }

    [Fact]
    public void Create_SameSeed_SameWeights()
    {
        torch.random.manual_seed(11);
        using var a = ModelRegistry.Create("simple_vit", new ModelSpec(10, 32));
        torch.random.manual_seed(11);
        using var b = ModelRegistry.Create("simple_vit", new ModelSpec(10, 32));

        Assert.All(a.parameters().Zip(b.parameters()), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 0)));
    }

    [Fact]
    public void SimpleVit_StateDictKeys_MatchPyTorchNames()
    {
        using var model = ModelRegistry.Create("simple_vit", new ModelSpec(10, 32));

        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("patch_embed.weight", keys);
        Assert.Contains("cls_token", keys);
        Assert.Contains("pos_embed", keys);
        Assert.Contains("blocks.5.attn.in_proj_weight", keys);
        Assert.Contains("blocks.0.attn.out_proj.bias", keys);
        Assert.Contains("blocks.0.mlp.2.weight", keys);
        Assert.Contains("blocks.0.norm2.weight", keys);
        Assert.Contains("head.weight", keys);
    }

    [Fact]
    public void SimpleCnn_StateDictKeys_MatchPyTorchNames()
    {
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));

        Assert.Equal(["classifier.1.bias", "classifier.1.weight", "classifier.3.bias", "classifier.3.weight",
                      "features.0.bias", "features.0.weight", "features.3.bias", "features.3.weight"],
            model.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResNet18_StateDictKeys_AreTorchvisionNames()
    {
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));

        var state = model.state_dict();

        Assert.Equal(122, state.Count);
        Assert.Equal(new long[] { 64, 3, 7, 7 }, state["conv1.weight"].shape);
        Assert.Equal(new long[] { 128, 64, 1, 1 }, state["layer2.0.downsample.0.weight"].shape);
        Assert.Contains("layer4.1.bn2.running_var", state.Keys);
        Assert.Contains("layer3.0.downsample.1.num_batches_tracked", state.Keys);
        Assert.Equal(new long[] { 10, 512 }, state["fc.weight"].shape);
    }

    [Fact]
    public void DeitTiny_At224_HasTimmNamesShapesAndParameterCount()
    {
        using var model = ModelRegistry.Create("deit_tiny_patch16_224", new ModelSpec(10, 224));

        var state = model.state_dict();

        Assert.Equal(5_526_346, model.ParameterCount);
        Assert.Equal(4 + 12 * 12 + 4, state.Count);
        Assert.Equal(new long[] { 192, 3, 16, 16 }, state["patch_embed.proj.weight"].shape);
        Assert.Equal(new long[] { 1, 197, 192 }, state["pos_embed"].shape);
        Assert.Equal(new long[] { 576, 192 }, state["blocks.11.attn.qkv.weight"].shape);
        Assert.Equal(new long[] { 192, 192 }, state["blocks.0.attn.proj.weight"].shape);
        Assert.Equal(new long[] { 768, 192 }, state["blocks.3.mlp.fc1.weight"].shape);
        Assert.Contains("blocks.7.norm2.bias", state.Keys);
        Assert.Contains("norm.weight", state.Keys);
        Assert.Equal(new long[] { 10, 192 }, state["head.weight"].shape);
    }

    [Fact]
    public void Get_MisspelledName_SuggestsNearest()
    {
        var error = Assert.Throws<MlNetVisionException>(() => ModelRegistry.Get("simple_vti"));

        Assert.Contains("Did you mean 'simple_vit'?", error.Message);
    }
}
