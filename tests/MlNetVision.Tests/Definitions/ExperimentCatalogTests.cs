using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlNetVision.Experiments.Definitions;

namespace MlNetVision.Tests.Definitions;

public class ExperimentCatalogTests
{
    // SHA-256 of every experiment (name, description, options, reference numbers, notes, kind) serialised one a line, captured
    // before the airbench-derived recipes moved to Definitions/Recipes. A deliberate change to any experiment updates it.
    // changed deliberately since the move: NormalizationFromData (issue 20) in every recipe, true where CIFAR-10 constants were;
    // issue 25: simple-cnn-224-randaugment carries the seed's 0.5538, resnet18-mlnet-finetune-aug added; the 224-px ResNet fine-tunes and CNN train channels-last
    private const string CatalogSha256 = "f6a06e277a4883d0a6913a28e533f787603211b630220ca9f482e0c33f193f58";

    [Fact]
    public void All_SerialiseAsBeforeTheRecipesMoved()
    {
        var lines = string.Join("\n", ExperimentCatalog.All.Select(e => JsonSerializer.Serialize(e)));

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines)));
        Assert.True(hash == CatalogSha256, $"The catalog changed: its SHA-256 is now {hash}; update CatalogSha256 when the change is deliberate.");
    }

    [Fact]
    public void All_NamesAreUnique() =>
        Assert.Equal(ExperimentCatalog.All.Count, ExperimentCatalog.Names.Distinct().Count());

    [Theory]
    [InlineData("resnet18-finetune", true)]
    [InlineData("resnet18-finetune-aug", true)]
    [InlineData("resnet18-mlnet-finetune", true)]
    [InlineData("resnet18-mlnet-finetune-aug", true)]
    [InlineData("simple-cnn-224-randaugment", true)]
    [InlineData("simple-vit-224-randaugment", false)]
    [InlineData("simple-vit-224-randaugment-prenorm", false)]
    [InlineData("deit-tiny-finetune", false)]
    [InlineData("resnet18-mlnet-frozen", false)]
    public void SeedRecipesAt224_TrainChannelsLastWhereBenchMeasuredAGain(string experiment, bool channelsLast) =>
        Assert.Equal(channelsLast, ExperimentCatalog.All.Single(e => e.Name == experiment).Trainer.ChannelsLast);
}
