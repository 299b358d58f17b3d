using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting;

public class ReportJsonTests
{
    [Fact]
    public void Read_UnknownSchemaVersion_ThrowsNamingVersions()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("report.json");
        File.WriteAllText(path, """{ "schemaVersion": 99, "experiment": "x" }""");

        var error = Assert.Throws<MlNetVisionException>(() => ReportJson.Read(path));

        Assert.Contains("schemaVersion 99", error.Message);
    }

    [Fact]
    public void Read_NotJson_ThrowsClearError()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("report.json");
        File.WriteAllText(path, "not json");

        var error = Assert.Throws<MlNetVisionException>(() => ReportJson.Read(path));

        Assert.Contains("is not valid JSON", error.Message);
    }
}
