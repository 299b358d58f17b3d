using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlNetVision.Experiments.Definitions;

namespace MlNetVision.Tests.Definitions;

public class ExperimentCatalogTests
{
    // SHA-256 of every experiment (name, description, options, reference numbers, notes, kind) serialised one a line, captured
    // before the airbench-derived recipes moved to Definitions/Recipes. A deliberate change to any experiment updates it.
    // changed deliberately once since the move: NormalizationFromData (issue 20) in every recipe, true where CIFAR-10 constants were
    private const string CatalogSha256 = "3c8153b48abe4baaa8d7a5195184098d33271df402ad7be17e9345f0972206a4";

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
