using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Training;

namespace MlNetVision.Tests.Definitions;

public class ExperimentCatalogTests
{
    // SHA-256 of every experiment (name, description, options, reference numbers, notes, kind) serialised one a line, captured
    // before the airbench-derived recipes moved to Definitions/Recipes. A deliberate change to any experiment updates it.
    // changed deliberately since the move: NormalizationFromData (issue 20) in every recipe, true where CIFAR-10 constants were;
    // issue 25: simple-cnn-224-randaugment carries the seed's 0.5538, resnet18-mlnet-finetune-aug added; the 224-px ResNet fine-tunes and CNN train channels-last
    private const string CatalogSha256 = "7d4e1f7178465a05feb7e1b7edc35388186facfc1d0dadb31289c4efd58f06fe";

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

    [Theory]
    [InlineData("resnet18-finetune", TrainingPrecision.Bfloat16)]
    [InlineData("resnet18-finetune-aug", TrainingPrecision.Bfloat16)]
    [InlineData("resnet18-mlnet-finetune", TrainingPrecision.Bfloat16)]
    [InlineData("resnet18-mlnet-finetune-aug", TrainingPrecision.Bfloat16)]
    [InlineData("simple-cnn-224-randaugment", TrainingPrecision.Float32)]
    [InlineData("simple-vit-224-randaugment", TrainingPrecision.Float32)]
    [InlineData("resnet18-mlnet-frozen", TrainingPrecision.Float32)]
    [InlineData("simple-cnn", TrainingPrecision.Float32)]
    public void SeedRecipes_TrainInBfloat16WhereBenchMeasuredAGain(string experiment, TrainingPrecision precision) =>
        Assert.Equal(precision, ExperimentCatalog.All.Single(e => e.Name == experiment).Trainer.Precision);
}
