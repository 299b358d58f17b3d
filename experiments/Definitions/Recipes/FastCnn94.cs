using MlNetVision.Models;
using MlNetVision.Training;
using TorchSharp;

namespace MlNetVision.Experiments.Definitions.Recipes;

/// <summary>
/// Experiment <c>fast-cnn-94</c>: airbench94 in C# (Keller Jordan, "94% on CIFAR-10 in 3.29 seconds on a single GPU", 2024,
/// github.com/KellerJordan/cifar10-airbench, <c>airbench94.py</c>), the whole recipe in one place as airbench's <c>hyp</c>
/// dict is: the network (<see cref="Network"/>) and the trainer options (<see cref="Options"/>), each value with its unit and
/// its source. Each choice and why:
/// <list type="bullet">
/// <item>The network: a shallow, wide net (64/256/256 channels, 3 conv groups) spends its FLOPs at low resolution after early
/// max-pooling; its first layer whitens 2×2 patches (fixed from the data's covariance), so the first trained layer sees
/// decorrelated inputs and the early steps are not spent learning that.</item>
/// <item>Nesterov SGD, momentum 0.85, batch 1,024: few large, well-conditioned steps (490 in 10 epochs). airbench's rate 11.5
/// per 1,024 summed-loss examples divided by 1,024·(1 + 1/(1 − 0.85)) is 1.5 on our mean loss.</item>
/// <item>Linear warm-up from 0.2× to 1× over 23 % of the steps, then linear decay to 0.07× (airbench).</item>
/// <item>Weight decay 0.0153 per 1,024 examples, i.e. 2.0e-3 per step = rate 1.5 × L2 1.33e-3, and BatchNorm biases at 64× the
/// rate with their decay ÷ 64 (the decay per step stays the same): the BatchNorm scales are fixed at 1, so the biases are the
/// only per-channel knobs and need to move fast (airbench's bias_scaler).</item>
/// <item>Label smoothing 0.2: softer targets, less over-confident logits at this short budget (airbench).</item>
/// <item>Flip + 2-px reflect translation: the cheap augmentations that keep helping in 10 epochs (airbench). The flip alternates:
/// each image gets one random mirror draw, used in odd epochs and inverted in even ones, so any two consecutive epochs show
/// every image both ways (airbench's alternating flip; random flips repeat a view half the time).</item>
/// <item>Lookahead every 5 steps with decay 0.95⁵·(step/total)³: late in training the weights are an average over the last
/// steps, which a decaying rate alone does not give (airbench's LookaheadState).</item>
/// <item>Test-time augmentation level 2 (image, mirror, ±1-px shifts; six views) in the exported model (airbench's tta_level 2),
/// so the zip's accuracy is the TTA accuracy; the report also gives the single-view accuracy.</item>
/// <item>CIFAR-10 channel mean/std normalisation; 10 epochs (airbench: 9.9).</item>
/// <item>The whitening layer's bias trains for the first 3 epochs, then freezes (airbench's whiten_bias_epochs): the first layer
/// is then fixed for the rest of the run, as in the reference whose accuracy we chase.</item>
/// </list>
/// On this CPU: bfloat16 convolutions in training (airbench: fp16 on the GPU) and channels-last batches (as airbench). Kept
/// longer than airbench: 10 epochs of 49 steps, the last one 848 images. airbench's 9.9 epochs of full batches (476 steps;
/// experiment <c>fast-cnn-94-9.9-epochs</c>) measured 0.9396 ± 0.0020 over 3 seeds here, under the 94 % goal.
/// </summary>
public static class FastCnn94
{
    /// <summary>Side of the whitening layer's patches, in pixels (airbench: hyp['net']['whitening']['kernel_size'] = 2). Fixed
    /// in <see cref="FastCnnShape.WhiteningKernel"/>; a test asserts the two agree.</summary>
    public const int WhiteningKernel = 2;

    /// <summary>
    /// The network trained: the registry's <c>fast_cnn_bf16</c> (<see cref="Options"/>' model) is built from exactly this shape,
    /// which a test asserts, so this file and the model cannot drift apart.
    /// </summary>
    internal static readonly FastCnnShape Network = new(
        Block1: 64,                        // channels of conv group 1; airbench: 1 × base_width 64
        Block2: 256,                       // channels of conv group 2; airbench: 4 × base_width
        Block3: 256,                       // channels of conv group 3; airbench: 4 × base_width
        BatchNormMomentum: 0.4,            // weight of the new batch in the running statistics (PyTorch convention); airbench: batchnorm_momentum 0.6, passed to PyTorch as 1 − 0.6
        LogitScale: 1.0 / 9,               // factor on the logits; airbench: scaling_factor 1/9
        WhiteningEpsilon: 5e-4,            // added to the patch-covariance eigenvalues (data units²); airbench: init_whitening_conv eps
        TrainingConvType: torch.ScalarType.BFloat16, // conv groups' type in training (about 2× on AVX-512 BF16; weights, BatchNorm, inference fp32); airbench: fp16 on the GPU
        DataWhitening: true,               // first layer set from 5,000 training images' 2×2 patch covariance, weights frozen; airbench: make_net + init_whitening_conv
        WhiteningBiasEpochs: 3);           // epochs the whitening bias trains before it freezes; airbench: whiten_bias_epochs 3

    /// <summary>The trainer options: every value the run depends on, in the order a reader needs them.</summary>
    public static readonly TorchImageClassifierOptions Options = new()
    {
        // Model and input
        ModelName = "fast_cnn_bf16",       // the registry's model built from Network (see above)
        ImageSize = 0,                     // px; 0 = the pipeline's 32 (CIFAR-10's own size; airbench: 32)
        NormalizationFromData = true,           // per-channel mean and std measured on the training images (airbench hard-codes
                                                // CIFAR_MEAN/CIFAR_STD, which are these values for CIFAR-10: 0.4914/0.2470, …)
        ChannelsLast = true,               // NHWC batches: oneDNN's convolutions are faster; airbench: channels_last

        // Length
        Epochs = 10,                       // passes over the 50,000 training images; airbench: train_epochs 9.9 (see the summary)
        BatchSize = 1024,                  // images per step; airbench: batch_size 1024
        DropLastBatch = false,             // the last step of an epoch takes the 848 images left; airbench: drop_last (9.9 epochs of full batches)
        FinalEpochFraction = 1,            // of the last epoch; airbench: 0.9 of the tenth

        // Optimiser
        Optimizer = OptimizerKind.Sgd,     // Nesterov SGD; airbench: torch.optim.SGD(nesterov=True)
        Momentum = 0.85,                   // airbench: momentum 0.85
        LearningRate = 1.5,                // per step at the peak, on the batch-mean loss; airbench: lr 11.5 per 1,024 examples of summed loss ÷ 1,024·(1 + 1/(1 − 0.85))
        WeightDecay = 1.33e-3,             // L2 coefficient: rate × decay = 2.0e-3 per step at the peak; airbench: weight_decay 0.0153 per 1,024 examples
        BatchNormBiasLearningRateScale = 64, // × the rate for BatchNorm biases, their decay ÷ 64; airbench: bias_scaler 64
        GradientClipNorm = 0,              // no clipping; airbench: none

        // Schedule
        Schedule = LearningRateScheduleKind.Linear, // warm-up then decay, both linear; airbench: triangle(...)
        WarmupFraction = 0.23,             // of all steps, to the peak; airbench: peak=0.23
        ScheduleStartFactor = 0.2,         // × the peak rate at step 0; airbench: start=0.2
        ScheduleEndFactor = 0.07,          // × the peak rate at the last step; airbench: end=0.07

        // Regularisation and averaging
        LabelSmoothing = 0.2,              // of the target mass spread over all classes; airbench: label_smoothing 0.2
        Augmentation = "flip:mode=alternate,crop:pad=2:mode=reflect", // alternating mirror + ±2-px reflect translate; airbench: aug flip, translate 2
        LookaheadInterval = 5,             // steps between lookahead averages (decay 0.95⁵·(step/total)³); airbench: ema every_n_steps 5, decay_base 0.95, decay_pow 3

        // Exported model
        TestTimeAugmentation = TestTimeAugmentationKind.FlipTranslate, // 6 views: image, mirror, ±1-px shifts; airbench: tta_level 2
    };
}
