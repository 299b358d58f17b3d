using System.Text.Json;
using MlNetVision.Experiments.Definitions.Recipes;
using MlNetVision.Models;
using MlNetVision.Registry;

namespace MlNetVision.Tests.Definitions.Recipes;

public class FastCnn94Tests
{
    // Captured from ExperimentCatalog.Airbench94 before the recipe moved to its own file, with the serialisation the
    // checkpoint fingerprint uses (TrainingLoop.Fingerprint): a change here is a change of recipe and of every fingerprint.
    private const string Airbench94Json =
        """
        {"LabelColumnName":"Label","FeatureColumnName":"Features","ModelName":"fast_cnn_bf16","ImageSize":0,"Mean":[0.5,0.5,0.5],"Std":[0.5,0.5,0.5],"NormalizationFromData":true,"Epochs":10,"BatchSize":1024,"DropLastBatch":false,"FinalEpochFraction":1,"Optimizer":2,"LearningRate":1.5,"WeightDecay":0.00133,"Momentum":0.85,"MuonLearningRate":0.24,"MuonMomentum":0.6,"Schedule":3,"WarmupFraction":0.23,"ScheduleStartFactor":0.2,"ScheduleEndFactor":0.07,"BatchNormBiasLearningRateScale":64,"LookaheadInterval":5,"ChannelsLast":true,"Precision":0,"TestTimeAugmentation":2,"LabelSmoothing":0.2,"Seed":0,"ValidationFraction":0,"Augmentation":"flip:mode=alternate,crop:pad=2:mode=reflect","GradientClipNorm":0,"Pretrained":null,"FreezeBackbone":false}
        """;

    private const string Airbench94MuonJson =
        """
        {"LabelColumnName":"Label","FeatureColumnName":"Features","ModelName":"fast_cnn_bf16","ImageSize":0,"Mean":[0.5,0.5,0.5],"Std":[0.5,0.5,0.5],"NormalizationFromData":true,"Epochs":8,"BatchSize":2000,"DropLastBatch":true,"FinalEpochFraction":1,"Optimizer":3,"LearningRate":1.656,"WeightDecay":0.002415,"Momentum":0.85,"MuonLearningRate":0.24,"MuonMomentum":0.6,"Schedule":3,"WarmupFraction":0,"ScheduleStartFactor":1,"ScheduleEndFactor":0,"BatchNormBiasLearningRateScale":64,"LookaheadInterval":5,"ChannelsLast":true,"Precision":0,"TestTimeAugmentation":2,"LabelSmoothing":0.2,"Seed":0,"ValidationFraction":0,"Augmentation":"flip:mode=alternate,crop:pad=2:mode=reflect","GradientClipNorm":0,"Pretrained":null,"FreezeBackbone":false}
        """;

    [Fact]
    public void Options_SerialiseAsBeforeTheMove() =>
        Assert.Equal(Airbench94Json, JsonSerializer.Serialize(FastCnn94.Options));

    [Fact]
    public void MuonOptions_SerialiseAsBeforeTheMove() =>
        Assert.Equal(Airbench94MuonJson, JsonSerializer.Serialize(FastCnn94Muon.Options));

    [Fact]
    public void Options_ModelIsBuiltFromTheRecipesNetwork()
    {
        using var model = (FastCnn)ModelRegistry.Create(FastCnn94.Options.ModelName, new ModelSpec(10, 32));

        Assert.Equal(FastCnn94.Network, model.Shape);
    }

    [Fact]
    public void MuonOptions_TrainTheSameNetwork() =>
        Assert.Equal(FastCnn94.Options.ModelName, FastCnn94Muon.Options.ModelName);

    [Theory]
    [InlineData("fast_cnn", false, true)]                    // the -no-bf16 ablation: fp32 conv groups
    [InlineData("fast_cnn_bf16_learned_stem", true, false)]  // the -no-whitening ablation: a trained first layer
    public void AblationModels_DifferFromTheNetworkInOneField(string name, bool bf16, bool dataWhitening)
    {
        using var model = (FastCnn)ModelRegistry.Create(name, new ModelSpec(10, 32));

        var expected = FastCnn94.Network with
        {
            TrainingConvType = bf16 ? FastCnn94.Network.TrainingConvType : null,
            DataWhitening = dataWhitening,
        };
        Assert.Equal(expected, model.Shape);
    }

    [Fact]
    public void WhiteningKernel_IsTheModels() =>
        Assert.Equal(FastCnn94.WhiteningKernel, FastCnnShape.WhiteningKernel);
}
