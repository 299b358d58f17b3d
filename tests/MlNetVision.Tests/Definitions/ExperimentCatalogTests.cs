using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlNetVision.Experiments.Definitions;

namespace MlNetVision.Tests.Definitions;

public class ExperimentCatalogTests
{
    // SHA-256 of every experiment (name, description, options, reference numbers, notes, kind) serialised one a line, captured
    // before the airbench-derived recipes moved to Definitions/Recipes. A deliberate change to any experiment updates it.
    private const string CatalogSha256 = "a4c0cc1e377e7c8228718829a812243e13e92dcb018032f2e628d6696f64826b";

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
