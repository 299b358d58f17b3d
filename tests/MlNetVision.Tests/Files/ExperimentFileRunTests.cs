using System.Security.Cryptography;
using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Files;

[Trait("Category", "Slow")]
public class ExperimentFileRunTests
{
    [Fact]
    public void Run_File_SameConfigAsTheCommandLineAndRecordsTheFile()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 10);
        var path = output.Combine("tiny.json");
        File.WriteAllText(path, $$"""
            { "extends": "simple-cnn", "name": "tiny-cnn", "data": {{JsonSerializer.Serialize(data.Path)}}, "seeds": [2], "limitTrain": 30,
              "recipe": { "epochs": 1, "batchSize": 16, "learningRate": 0.002 } }
            """);
        var log = new StringWriter();

        int fromFile = CommandLine.Run(["run", path, "--output", output.Combine("file"), "--threads", "1"], log, log);
        int fromLine = CommandLine.Run(["run", "simple-cnn", "--data", data.Path, "--output", output.Combine("line"), "--threads", "1",
            "--epochs", "1", "--batch-size", "16", "--lr", "0.002", "--seed", "2", "--limit-train", "30"], log, log);

        Assert.True(fromFile == 0 && fromLine == 0, log.ToString());
        var file = ReportJson.Read(output.Combine("file", RunFolder.ReportFile));
        var line = ReportJson.Read(output.Combine("line", RunFolder.ReportFile));
        string Config(RunReport r) => JsonSerializer.Serialize(r.Config with { Runtime = null }, ReportJson.Options);
        Assert.Equal(Config(line), Config(file));
        Assert.Equal("tiny-cnn", file.Experiment);
        Assert.Equal(path, file.ExperimentFile);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), file.ExperimentFileSha256);
        Assert.Null(line.ExperimentFile);
        Assert.Equal(path, RunFolder.ReadSavedRun(output.Combine("file")).ExperimentFile);   // --resume reads the file again
    }
}
