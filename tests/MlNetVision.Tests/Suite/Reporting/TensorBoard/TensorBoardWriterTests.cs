using MlNetVision.Suite.Reporting.TensorBoard;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Reporting.TensorBoard;

public class TensorBoardWriterTests
{
    [Fact]
    public void Crc32C_KnownVector()
    {
        // RFC 3720's CRC-32C check value: "123456789" -> 0xE3069283
        Assert.Equal(0xE3069283u, TfRecord.Crc32C("123456789"u8));
    }

    [Fact]
    public void AddScalar_ReadsBackWithFileVersionFirstAndTagsStepsValues()
    {
        using var temp = new TempFolder();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - 1;
        string file;
        using (var writer = new TensorBoardWriter(temp.Combine("logs")))
        {
            writer.AddScalar("train/loss", 2.5, 1);
            writer.AddScalar("train/loss", 1.25, 300_000_000_000);
            writer.AddScalar("test/accuracy", 0.75, 3);
            file = writer.FilePath;
        }

        var events = TensorBoardEvents.Read(file);
        var scalars = TensorBoardEvents.Scalars(temp.Combine("logs"));

        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal([("train/loss", 1L, 2.5f), ("train/loss", 300_000_000_000L, 1.25f), ("test/accuracy", 3L, 0.75f)],
            scalars.Select(s => (s.Tag, s.Step, s.Value)));
        Assert.All(events, e => Assert.InRange(e.WallTime, before, before + 600));
    }

    [Fact]
    public void Read_CorruptByte_FailsTheCrcCheck()
    {
        using var temp = new TempFolder();
        string file;
        using (var writer = new TensorBoardWriter(temp.Path))
        {
            writer.AddScalar("x", 1, 1);
            file = writer.FilePath;
        }
        var bytes = File.ReadAllBytes(file);
        bytes[^6] ^= 0x40;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<InvalidDataException>(() => TensorBoardEvents.Read(file));

        Assert.Contains("data CRC", error.Message);
    }
}
