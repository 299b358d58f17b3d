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
    // issue 25: simple-cnn-224-randaugment carries the seed's 0.5538, resnet18-mlnet-finetune-aug added
    private const string CatalogSha256 = "3bc79abb2c0c2686754915c085d205999422af09a86b85745d2d46d5f9787c1b";

    [Fact]
    public void All_SerialiseAsBeforeTheRecipesMoved()
    {
        var lines = string.Join("\n", ExperimentCatalog.All.Select(e => JsonSerializer.Serialize(e)));

        Assert.Equal(CatalogSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines))));
    }

    [Fact]
    public void All_NamesAreUnique() =>
        Assert.Equal(ExperimentCatalog.All.Count, ExperimentCatalog.Names.Distinct().Count());
}
