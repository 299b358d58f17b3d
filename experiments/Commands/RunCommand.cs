using System.CommandLine;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Running;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>run &lt;experiment&gt;</c>: train, evaluate, save the model zip and the report.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment name (see 'list')." };
        var data = CommonOptions.Data();
        var outputDir = new Option<string?>("--output") { Description = "Folder for model.zip, report.json and summary.md. Default: artifacts/<experiment>/<timestamp>." };
        var epochs = new Option<int?>("--epochs") { Description = "Override the experiment's epochs." };
        var batch = new Option<int?>("--batch-size") { Description = "Override the batch size." };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Train on the first N training images only." };
        var limitTest = new Option<int?>("--limit-test") { Description = "Evaluate on the first N test images only." };
        var stratified = new Option<bool>("--stratified") { Description = "With --limit-train/--limit-test: draw a seeded stratified sample instead of the first N." };
        var seed = new Option<int?>("--seed") { Description = "Seed for initialisation, shuffling and dropout (default 0)." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: one per core)." };
        var lr = new Option<double?>("--lr") { Description = "Override the learning rate." };
        var validation = new Option<double?>("--validation-fraction") { Description = "Hold out this fraction of the training images to report validation accuracy per epoch." };
        var device = new Option<string?>("--device") { Description = "cpu (default) or cuda (CUDA builds only)." };
        var pretrained = new Option<string?>("--pretrained")
        {
            Description = "Starting weights: a .pth or .safetensors state dict in the model's naming, or 'none' (from scratch). " +
                          "Default: the model's ImageNet weights (the cached download, or the offline ML.NET weights for resnet18_mlnet_imagenet).",
        };
        var inputSize = new Option<int?>("--input-size") { Description = "Side of the images the model sees, in pixels (the trainer resizes the 32-px images inside)." };
        var command = new Command("run", "Train an experiment, evaluate it on the test set, save model.zip and report.json.")
        {
            experiment, data, outputDir, epochs, batch, limitTrain, limitTest, stratified, seed, threads, lr, validation, device, pretrained, inputSize,
        };
        foreach (var option in new Option[] { epochs, batch, limitTrain, limitTest, threads, inputSize })
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1) result.AddError($"{result.Option.Name} must be at least 1.");
            });
        command.SetAction(parse =>
        {
            var settings = new RunSettings
            {
                Data = parse.GetValue(data), Output = parse.GetValue(outputDir), Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch), LimitTrain = parse.GetValue(limitTrain), LimitTest = parse.GetValue(limitTest), Stratified = parse.GetValue(stratified),
                Seed = parse.GetValue(seed), Threads = parse.GetValue(threads), LearningRate = parse.GetValue(lr),
                ValidationFraction = parse.GetValue(validation), Device = parse.GetValue(device),
                Pretrained = parse.GetValue(pretrained), InputSize = parse.GetValue(inputSize),
            };
            var (report, folder) = new ExperimentRunner(error).Run(ExperimentCatalog.Get(parse.GetValue(experiment)!), settings);
            output.WriteLine($"accuracy {report.Metrics.Accuracy:0.0000}  macro F1 {report.Metrics.MacroF1:0.0000}  weighted F1 {report.Metrics.WeightedF1:0.0000}");
            output.WriteLine($"model:  {Path.Combine(folder, ExperimentRunner.ModelFile)}");
            output.WriteLine($"report: {Path.Combine(folder, ExperimentRunner.ReportFile)}");
            return 0;
        });
        return command;
    }
}
