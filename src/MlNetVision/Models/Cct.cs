using MlNetVision.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models;

/// <summary>
/// Compact Convolutional Transformer (Hassani et al. 2021): a convolutional <c>tokenizer</c> (per layer: conv
/// without bias → ReLU → max-pool 3, stride 2, pad 1), learnable <c>positional_emb</c>, pre-norm transformer
/// <c>blocks</c> with stochastic depth, a final <c>norm</c>, sequence pooling (<c>attention_pool</c>: softmax over the
/// tokens of a linear score, then the weighted sum of the tokens, instead of a class token) and the <c>fc</c> head.
/// Initialisation as the paper's code: truncated normal 0.02 for linear layers and 0.2 for the position
/// embeddings, Kaiming normal for the convolutions. With <see cref="CctTokenizer.WhitenedConvGroups"/> the tokenizer is
/// airbench's stem instead (<c>whiten</c>, <c>activ</c>, <c>block1</c>, …; see <see cref="FastCnn"/>), whose whitening
/// is set from the training data (<see cref="IDataInitialized"/>): a hybrid ViT.
/// </summary>
internal sealed class Cct : ImageClassifier, IDataInitialized
{
#pragma warning disable IDE1006 // the CCT code's names
    private readonly Sequential tokenizer;
    private readonly Parameter positional_emb;
    private readonly ModuleList<PreNormBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear attention_pool;
    private readonly Linear fc;
#pragma warning restore IDE1006

    /// <summary>Builds the network for <paramref name="spec"/> (the side must halve <see cref="CctShape.ConvLayers"/> times).</summary>
    public Cct(ModelSpec spec, CctShape shape) : base(nameof(Cct), spec)
    {
        Shape = shape;
        (tokenizer, int side) = shape.Tokenizer == CctTokenizer.WhitenedConvGroups
            ? WhitenedConvGroups(shape, spec.ImageSize)
            : Convolutions(shape, spec.ImageSize);
        Tokens = side * side;
        positional_emb = Parameter(zeros(1, Tokens, shape.Dim));
        blocks = ModuleList(Enumerable.Range(0, shape.Layers)
            .Select(i => new PreNormBlock(shape.Dim, shape.Heads, (int)(shape.Dim * shape.MlpRatio), shape.StochasticDepth * i / Math.Max(1, shape.Layers - 1)))
            .ToArray());
        norm = LayerNorm(shape.Dim, PreNormBlock.LayerNormEps);
        attention_pool = Linear(shape.Dim, 1);
        fc = Linear(shape.Dim, spec.NumClasses);
        RegisterComponents();
        using (no_grad())
        {
            TruncatedNormal.Fill(positional_emb, 0.2);
            foreach (var (_, module) in named_modules())
            {
                if (module is Linear linear)
                {
                    TruncatedNormal.Fill(linear.weight!, 0.02);
                    linear.bias?.zero_();
                }
                else if (module is Conv2d conv && shape.Tokenizer == CctTokenizer.Convolutions) init.kaiming_normal_(conv.weight!);
            }
        }
    }

    /// <inheritdoc />
    public int InitializationImages => Shape.Tokenizer == CctTokenizer.WhitenedConvGroups ? 5000 : 0;

    /// <summary>Sets the whitening filters from normalised training <paramref name="images"/> (see <see cref="PatchWhitening"/>); nothing for CCT's own tokenizer.</summary>
    public void InitializeFromData(Tensor images)
    {
        if (Shape.Tokenizer != CctTokenizer.WhitenedConvGroups) return;
        var whiten = (Conv2d)tokenizer.named_children().Single(c => c.name == "whiten").module;
        PatchWhitening.Initialize(whiten, images, CctShape.WhiteningEpsilon);
    }

    /// <summary>The architecture.</summary>
    public CctShape Shape { get; }

    /// <summary>Tokens per image.</summary>
    public int Tokens { get; }

    /// <summary>The convolutional tokenizer.</summary>
    public Sequential Tokenizer => tokenizer;

    /// <summary>Position embeddings <c>[1, tokens, dim]</c>.</summary>
    public Tensor PositionalEmbedding => positional_emb;

    /// <summary>The transformer layers.</summary>
    public IReadOnlyList<PreNormBlock> Blocks => blocks.ToList();

    /// <summary>The final LayerNorm.</summary>
    public LayerNorm Norm => norm;

    /// <summary>The sequence-pooling score.</summary>
    public Linear AttentionPool => attention_pool;

    /// <summary>The head.</summary>
    public Linear Head => fc;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = tokenizer.forward(input).flatten(2).transpose(1, 2) + positional_emb;   // [N, tokens, dim]
        foreach (var block in blocks) x = block.forward(x);
        x = norm.forward(x);
        var weights = attention_pool.forward(x).softmax(1);                               // [N, tokens, 1]
        var pooled = weights.transpose(1, 2).matmul(x).squeeze(1);                          // [N, dim]
        return fc.forward(pooled).MoveToOuterDisposeScope();
    }

    /// <summary>CCT's tokenizer and the side of its output.</summary>
    private static (Sequential, int) Convolutions(CctShape shape, int side)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        for (int i = 0; i < shape.ConvLayers; i++)
        {
            int input = i == 0 ? 3 : shape.TokenizerChannels, output = i == shape.ConvLayers - 1 ? shape.Dim : shape.TokenizerChannels;
            layers.Add(($"{3 * i}", Conv2d(input, output, shape.ConvKernel, padding: shape.ConvKernel / 2, bias: false)));
            layers.Add(($"{3 * i + 1}", ReLU()));
            layers.Add(($"{3 * i + 2}", MaxPool2d(3, stride: 2, padding: 1)));
            side = (side + 1) / 2;
        }
        return (Sequential(layers), side);
    }

    /// <summary>airbench's stem: whitening (frozen weights, trained bias) → GELU → <see cref="CctShape.ConvLayers"/> conv groups.</summary>
    private static (Sequential, int) WhitenedConvGroups(CctShape shape, int side)
    {
        int width = PatchWhitening.Channels(CctShape.WhiteningKernel);
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("whiten", PatchWhitening.Layer(CctShape.WhiteningKernel)), ("activ", GELU()) };
        side -= CctShape.WhiteningKernel - 1;
        for (int i = 0; i < shape.ConvLayers; i++)
        {
            int output = i == shape.ConvLayers - 1 ? shape.Dim : shape.TokenizerChannels;
            layers.Add(($"block{i + 1}", new ConvGroup(width, output, ConvGroup.AirbenchBatchNormMomentum, shape.TrainingConvType)));
            width = output;
            side /= 2;
        }
        return (Sequential(layers), side);
    }
}
