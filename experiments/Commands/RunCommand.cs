using System.CommandLine;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Files;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>run &lt;experiment&gt;</c>: train, evaluate, save the model zip and the report.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var experiment = new Argument<string[]>("experiment") { Description = "Experiment name(s) (see 'list') or experiment files (FILE.json: a base experiment with overrides, see experiments/examples); several run one after another.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Run every experiment, one after another." };
        var data = CommonOptions.Data();
        var outputDir = new Option<string?>("--output") { Description = "Folder for model.zip, report.json and summary.md. Default: artifacts/<experiment>/<timestamp>." };
        var epochs = new Option<int?>("--epochs") { Description = "Override the experiment's epochs." };
        var batch = new Option<int?>("--batch-size") { Description = "Override the batch size." };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Train on the first N training images only." };
        var limitTest = new Option<int?>("--limit-test") { Description = "Evaluate on the first N test images only." };
        var stratified = new Option<bool>("--stratified") { Description = "With --limit-train/--limit-test: draw a seeded stratified sample instead of the first N." };
        var seed = new Option<int?>("--seed") { Description = "Seed for initialisation, shuffling and dropout (default 0)." };
        var threads = new Option<int?>("--threads") { Description = "libtorch and ONNX Runtime intra-op threads (default: one per physical core)." };
        var lr = new Option<double?>("--lr") { Description = "Override the learning rate." };
        var validation = new Option<double?>("--validation-fraction") { Description = "Hold out this fraction of the training images to report validation accuracy per epoch." };
        var augment = new Option<string?>("--augment") { Description = "Augmentation spec replacing the experiment's, e.g. flip,crop:pad=4:mode=reflect,jitter,rotate:degrees=15 or randaugment:n=2:m=9; 'none' turns it off." };
        var clip = new Option<double?>("--clip-grad") { Description = "Clip the gradient norm to this value before each step." };
        var checkpointMinutes = new Option<double?>("--checkpoint-minutes") { Description = "Minutes between mid-epoch checkpoints (default 10; one is always written after each epoch)." };
        var resume = new Option<string?>("--resume") { Description = "Continue an interrupted run from its checkpoint: the run folder, or nothing for the newest interrupted run of the experiment.", Arity = ArgumentArity.ZeroOrOne };
        var device = new Option<string?>("--device") { Description = "cpu (default) or cuda (CUDA builds only)." };
        var pretrained = new Option<string?>("--pretrained")
        {
            Description = "Starting weights: a .pth or .safetensors state dict in the model's naming, a model.zip or best-weights.bin of an earlier run " +
                          "(to continue training it), or 'none' (from scratch). " +
                          "Default: the model's ImageNet weights (the cached download, or the offline ML.NET weights for resnet18_mlnet_imagenet).",
        };
        var inputSize = new Option<int?>("--input-size") { Description = "Side of the images the model sees, in pixels, when it differs from --image-size (the trainer resizes inside, bilinear)." };
        var imageSize = new Option<int?>("--image-size")
        {
            Description = "Side the images are resized to (scale the shorter side, crop the centre), in training and in the zip. " +
                          "Default: the experiment's (see 'list') for image folders, 32 for CIFAR-10.",
        };
        var testFraction = CommonOptions.TestFraction();
        var splitSeed = CommonOptions.SplitSeed();
        var skipBad = new Option<bool>("--skip-bad-images") { Description = "Leave out image files that cannot be decoded (counted and named in the report) instead of stopping with their names." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Hold the decoded training images in memory instead of reading the disk cache per batch (image folders; a little faster when they fit)." };
        var seeds = new Option<int?>("--seeds") { Description = "Run each experiment with N seeds (--seed, default 0, and the next N-1), each in seed-<s>/ under the run folder, and report mean ± std of every metric (seeds.json, seeds.md)." };
        var monitorTest = new Option<bool>("--monitor-test") { Description = "Measure test accuracy after every epoch (one view, eval mode) and report it per epoch, e.g. for the time to 93 %; it never steers training." };
        var tensorBoard = new Option<string?>("--tensorboard")
        {
            Description = "Write TensorBoard event files (loss and learning rate per step; accuracies and images/s per epoch; test accuracy at the end) " +
                          "to DIR, default <run folder>/tensorboard (put the option after the experiment name, or give DIR); view with: tensorboard --logdir DIR.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("run", "Train an experiment, evaluate it on the test set, save model.zip and report.json.")
        {
            experiment, all, data, outputDir, epochs, batch, limitTrain, limitTest, stratified, seed, threads, lr, validation, augment, clip, checkpointMinutes, resume, device, pretrained, inputSize, monitorTest, seeds,
            imageSize, testFraction, splitSeed, skipBad, inMemory, tensorBoard,
        };
        foreach (var option in new Option[] { epochs, batch, limitTrain, limitTest, threads, inputSize, seeds, imageSize })
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
                ValidationFraction = parse.GetValue(validation), Augmentation = parse.GetValue(augment), Device = parse.GetValue(device),
                GradientClipNorm = parse.GetValue(clip), CheckpointMinutes = parse.GetValue(checkpointMinutes),
                Pretrained = parse.GetValue(pretrained), InputSize = parse.GetValue(inputSize),
                MonitorTest = parse.GetValue(monitorTest), Seeds = parse.GetValue(seeds),
                ImageSize = parse.GetValue(imageSize), TestFraction = parse.GetValue(testFraction), SplitSeed = parse.GetValue(splitSeed),
                SkipBadImages = parse.GetValue(skipBad), ImagesInMemory = parse.GetValue(inMemory),
                TensorBoard = parse.GetResult(tensorBoard) is null ? null : parse.GetValue(tensorBoard) ?? "",
            };
            using var interrupt = new InterruptHandler(error);
            if (parse.GetResult(resume) is not null)
            {
                var names0 = parse.GetValue(experiment) ?? [];
                if (names0.Length > 1 || parse.GetValue(all)) throw new MlNetVisionException("--resume continues one run: name one experiment (or none, with the run folder).");
                var folder = parse.GetValue(resume) is { } dir ? RunFolder.FindResumable("", dir)
                    : names0.Length == 1 ? RunFolder.FindResumable(NameOf(names0[0]), null)
                    : throw new MlNetVisionException("--resume needs the experiment name or the run folder.");
                var saved = RunFolder.ReadSavedRun(folder);
                if (names0.Length == 1 && NameOf(names0[0]) != saved.Experiment)
                    throw new MlNetVisionException($"{folder} is a run of {saved.Experiment}, not {names0[0]}.");
                var resumed = saved.Settings with
                {
                    Data = settings.Data ?? saved.Settings.Data, Threads = settings.Threads ?? saved.Settings.Threads, Output = folder,
                    TensorBoard = settings.TensorBoard ?? saved.Settings.TensorBoard,
                };
                var savedExperiment = saved.ExperimentFile is { } file ? ExperimentFileReader.Read(file).Experiment : ExperimentCatalog.Get(saved.Experiment);
                return new BatchRun(output, error).Run([savedExperiment], resumed, resume: true, interrupt.Token);
            }
            var names = parse.GetValue(all) ? ExperimentCatalog.Names.ToArray() : parse.GetValue(experiment) ?? [];
            if (names.Length == 0) throw new MlNetVisionException("Name an experiment (see 'list'), several, or --all.");
            var files = names.Where(ExperimentFileReader.IsFile).Select(ExperimentFileReader.Read).ToDictionary(f => f.Experiment.Name);
            var experiments = names.Select(n => ExperimentFileReader.IsFile(n) ? files.Values.First(f => f.Path == Path.GetFullPath(n)).Experiment : ExperimentCatalog.Get(n)).ToList();
            return new BatchRun(output, error).Run(experiments, settings, e => files.TryGetValue(e.Name, out var file) ? file.Settings : new RunSettings(), resume: false, interrupt.Token);
        });
        return command;
    }

    /// <summary>The experiment's name: a catalog name as given, an experiment file's from the file.</summary>
    private static string NameOf(string argument) =>
        ExperimentFileReader.IsFile(argument) ? ExperimentFileReader.Read(argument).Experiment.Name : ExperimentCatalog.Get(argument).Name;
}
