using System.Text.Json;
using MlNetVision.Experiments.Definitions.Recipes;
using MlNetVision.Models;
using MlNetVision.Registry;

namespace MlNetVision.Tests.Definitions.Recipes;

public class HybridVitFromScratchTests
{
    // Captured from ExperimentCatalog.HybridVitRecipe before the recipe moved to its own file (see FastCnn94Tests).
    private const string HybridVitJson =
        """
        {"LabelColumnName":"Label","FeatureColumnName":"Features","ModelName":"hybrid_vit_3x192","ImageSize":0,"Mean":[0.5,0.5,0.5],"Std":[0.5,0.5,0.5],"NormalizationFromData":true,"Epochs":12,"BatchSize":256,"DropLastBatch":false,"FinalEpochFraction":1,"Optimizer":1,"LearningRate":0.0015,"WeightDecay":0.05,"Momentum":0.9,"MuonLearningRate":0.24,"MuonMomentum":0.6,"Schedule":1,"WarmupFraction":0.1,"ScheduleStartFactor":0,"ScheduleEndFactor":0,"BatchNormBiasLearningRateScale":1,"LookaheadInterval":0,"ChannelsLast":true,"Precision":0,"TestTimeAugmentation":1,"LabelSmoothing":0.1,"Seed":0,"ValidationFraction":0,"Augmentation":"flip:mode=alternate,crop:pad=4:mode=reflect","GradientClipNorm":0,"Pretrained":null,"FreezeBackbone":false}
        """;

    [Fact]
    public void Options_SerialiseAsBeforeTheMove() =>
        Assert.Equal(HybridVitJson, JsonSerializer.Serialize(HybridVitFromScratch.Options));

    [Fact]
    public void Options_ModelIsBuiltFromTheRecipesNetwork()
    {
        using var model = (Cct)ModelRegistry.Create(HybridVitFromScratch.Options.ModelName, new ModelSpec(10, 32));

        Assert.Equal(HybridVitFromScratch.Network, model.Shape);
    }

    [Fact]
    public void Network_WhitensWithAirbenchsKernel() =>
        Assert.Equal(FastCnn94.WhiteningKernel, CctShape.WhiteningKernel);
}
