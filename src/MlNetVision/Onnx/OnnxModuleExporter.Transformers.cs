using MlNetVision.Models;
using MlNetVision.Models.Blocks;
using MlNetVision.Models.Imported;
using TorchSharp.Modules;
using static MlNetVision.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;
using TransformerEncoderLayer = MlNetVision.Models.Blocks.TransformerEncoderLayer;

namespace MlNetVision.Onnx;

/// <summary>The transformer half of the exporter: layer norm, GELU, self-attention, transformer blocks and the ViT models.</summary>
internal sealed partial class OnnxModuleExporter
{
    private string EmitLayerNorm(LayerNorm norm, string x, string prefix) =>
        graph.Node("LayerNormalization", [x, graph.Initializer($"{prefix}.weight", norm.weight!), graph.Initializer($"{prefix}.bias", norm.bias!)],
            Int("axis", -norm.normalized_shape.Length), Float("epsilon", (float)norm.eps));

    /// <summary>Exact GELU: <c>0.5·x·(1 + erf(x/√2))</c> (the Gelu op needs opset 20).</summary>
    private string EmitGelu(string x)
    {
        var scaled = graph.Node("Div", [x, graph.FloatConstant("sqrt2", [MathF.Sqrt(2f)])]);
        var erf = graph.Node("Erf", [scaled]);
        var onePlus = graph.Node("Add", [erf, graph.FloatConstant("one", [1f])]);
        var product = graph.Node("Mul", [x, onePlus]);
        return graph.Node("Mul", [product, graph.FloatConstant("half", [0.5f])]);
    }

    private string EmitAttention(MultiheadSelfAttention attention, string x, string prefix) =>
        EmitSelfAttention(Affine(x, attention.InProjWeight, attention.InProjBias, $"{prefix}.in_proj"), attention.Dim, attention.Heads,
            attention.OutProj, $"{prefix}.out_proj");

    private string EmitTimmAttention(TimmAttention attention, string x, string prefix) =>
        EmitSelfAttention(EmitLinear(attention.Qkv, x, $"{prefix}.qkv"), attention.Dim, attention.Heads, attention.Proj, $"{prefix}.proj");

    /// <summary>Scaled dot-product attention over a fused <c>[B, N, 3D]</c> q/k/v projection, then the output projection.</summary>
    private string EmitSelfAttention(string qkv, int dim, int heads, Linear outProj, string outPrefix)
    {
        int headDim = dim / heads;
        var split = graph.Node("Reshape", [qkv, graph.Int64Constant("qkv_shape", 0, 0, 3, heads, headDim)]);
        var perm = graph.Node("Transpose", [split], Ints("perm", 2, 0, 3, 1, 4));                 // [3, B, H, N, Dh]
        var parts = graph.Node("Split", [perm, graph.Int64Constant("split", 1, 1, 1)], 3, Int("axis", 0));
        var squeezeAxes = graph.Int64Constant("axis0", 0);
        var q = graph.Node("Squeeze", [parts[0], squeezeAxes]);
        var k = graph.Node("Squeeze", [parts[1], squeezeAxes]);
        var v = graph.Node("Squeeze", [parts[2], squeezeAxes]);
        var scores = graph.Node("MatMul", [q, graph.Node("Transpose", [k], Ints("perm", 0, 1, 3, 2))]);
        var scaled = graph.Node("Mul", [scores, graph.FloatConstant("scale", [1f / MathF.Sqrt(headDim)])]);
        var weights = graph.Node("Softmax", [scaled], Int("axis", -1));
        var attended = graph.Node("MatMul", [weights, v]);                                        // [B, H, N, Dh]
        var merged = graph.Node("Reshape", [graph.Node("Transpose", [attended], Ints("perm", 0, 2, 1, 3)),
            graph.Int64Constant("merge_shape", 0, 0, dim)]);
        return EmitLinear(outProj, merged, outPrefix);
    }

    private string EmitPreNormBlock(PreNormBlock block, string x, string prefix)
    {
        var h = graph.Node("Add", [x, EmitTimmAttention(block.Attention, EmitLayerNorm(block.Norm1, x, $"{prefix}.norm1"), $"{prefix}.attn")]);
        return graph.Node("Add", [h, EmitTimmMlp(block.Mlp, EmitLayerNorm(block.Norm2, h, $"{prefix}.norm2"), $"{prefix}.mlp")]);
    }

    private string EmitTimmMlp(TimmMlp mlp, string x, string prefix) =>
        EmitLinear(mlp.Fc2, EmitGelu(EmitLinear(mlp.Fc1, x, $"{prefix}.fc1")), $"{prefix}.fc2");

    /// <summary>Patch tokens, class token, position embeddings, blocks, final norm, head on the class token.</summary>
    private string EmitTimmVit(TimmVisionTransformer vit, string x, string prefix)
    {
        int dim = vit.Shape.Dim;
        var patches = EmitConv(vit.PatchEmbed.Proj, x, $"{prefix}patch_embed.proj");              // [B, D, h, w]
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [patches, graph.Int64Constant("tokens_shape", 0, dim, -1)])], Ints("perm", 0, 2, 1));
        var batch = graph.Node("Slice", [graph.Node("Shape", [x]), graph.Int64Constant("zero", 0), graph.Int64Constant("one", 1)]);
        var clsShape = graph.Node("Concat", [batch, graph.Int64Constant("cls_rest", 1, dim)], Int("axis", 0));
        var cls = graph.Node("Expand", [graph.Initializer($"{prefix}cls_token", vit.ClsToken), clsShape]);
        var h = graph.Node("Add", [graph.Node("Concat", [cls, tokens], Int("axis", 1)), graph.Initializer($"{prefix}pos_embed", vit.PosEmbed)]);
        var blocks = vit.Blocks;
        for (int i = 0; i < blocks.Count; i++) h = EmitPreNormBlock(blocks[i], h, $"{prefix}blocks.{i}");
        var normed = EmitLayerNorm(vit.Norm, h, $"{prefix}norm");
        var first = graph.Node("Gather", [normed, graph.Int64Constant("cls_index", 0)], Int("axis", 1));  // [B, 1, D]
        var pooled = graph.Node("Squeeze", [first, graph.Int64Constant("axis1", 1)]);
        return EmitLinear(vit.HeadLayer, pooled, $"{prefix}head");
    }

    /// <summary>Tokenizer, tokens + position embeddings, blocks, final norm, sequence pooling, head.</summary>
    private string EmitCct(Cct cct, string x, string prefix)
    {
        int dim = cct.Shape.Dim;
        var maps = Emit(cct.Tokenizer, x, $"{prefix}tokenizer");                                                        // [B, D, h, w]
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [maps, graph.Int64Constant("tokens_shape", 0, dim, -1)])], Ints("perm", 0, 2, 1));
        var h = graph.Node("Add", [tokens, graph.Initializer($"{prefix}positional_emb", cct.PositionalEmbedding)]);
        for (int i = 0; i < cct.Blocks.Count; i++) h = EmitPreNormBlock(cct.Blocks[i], h, $"{prefix}blocks.{i}");
        var normed = EmitLayerNorm(cct.Norm, h, $"{prefix}norm");
        var weights = graph.Node("Softmax", [EmitLinear(cct.AttentionPool, normed, $"{prefix}attention_pool")], Int("axis", 1));   // [B, T, 1]
        var pooled = graph.Node("MatMul", [graph.Node("Transpose", [weights], Ints("perm", 0, 2, 1)), normed]);          // [B, 1, D]
        return EmitLinear(cct.Head, graph.Node("Squeeze", [pooled, graph.Int64Constant("axis1", 1)]), $"{prefix}fc");
    }

    private string EmitPostNormBlock(PostNormBlock block, string x, string prefix)
    {
        var h = EmitLayerNorm(block.Norm1, graph.Node("Add", [x, EmitAttention(block.Attention, x, $"{prefix}.attn")]), $"{prefix}.norm1");
        return EmitLayerNorm(block.Norm2, graph.Node("Add", [h, Emit(block.Mlp, h, $"{prefix}.mlp")]), $"{prefix}.norm2");
    }

    private string EmitVit(SimpleVit vit, string x, string prefix)
    {
        var h = EmitTokens(vit.PatchEmbed, vit.ClsToken, vit.PosEmbed, x, prefix);
        var blocks = vit.Blocks;
        for (int i = 0; i < blocks.Count; i++) h = EmitPostNormBlock(blocks[i], h, $"{prefix}blocks.{i}");
        return EmitLinear(vit.Head, EmitLayerNorm(vit.Norm, ClsToken(h), $"{prefix}norm"), $"{prefix}head");
    }

    private string EmitEncoderVit(EncoderVit vit, string x, string prefix)
    {
        var h = EmitTokens(vit.PatchEmbed, vit.ClsToken, vit.PosEmbed, x, prefix);
        var layers = vit.Layers;
        for (int i = 0; i < layers.Count; i++) h = EmitEncoderLayer(layers[i], h, $"{prefix}encoder.{i}");
        var pooled = ClsToken(h);
        if (vit.Shape.NormFirst) pooled = EmitLayerNorm(vit.Norm, pooled, $"{prefix}norm");
        return EmitLinear(vit.Head, pooled, $"{prefix}head");
    }

    private string EmitEncoderLayer(TransformerEncoderLayer layer, string x, string prefix)
    {
        string FeedForward(string t)
        {
            var h = EmitLinear(layer.Linear1, t, $"{prefix}.linear1");
            h = layer.Gelu ? EmitGelu(h) : graph.Node("Relu", [h]);
            return EmitLinear(layer.Linear2, h, $"{prefix}.linear2");
        }
        if (layer.NormFirst)
        {
            var attended = graph.Node("Add", [x, EmitAttention(layer.SelfAttention, EmitLayerNorm(layer.Norm1, x, $"{prefix}.norm1"), $"{prefix}.self_attn")]);
            return graph.Node("Add", [attended, FeedForward(EmitLayerNorm(layer.Norm2, attended, $"{prefix}.norm2"))]);
        }
        var h1 = EmitLayerNorm(layer.Norm1, graph.Node("Add", [x, EmitAttention(layer.SelfAttention, x, $"{prefix}.self_attn")]), $"{prefix}.norm1");
        return EmitLayerNorm(layer.Norm2, graph.Node("Add", [h1, FeedForward(h1)]), $"{prefix}.norm2");
    }

    /// <summary>Patch embedding → tokens, the class token in front, positional embeddings added: <c>[B, 1 + h·w, D]</c>.</summary>
    private string EmitTokens(Conv2d patchEmbed, Tensor clsToken, Tensor posEmbed, string x, string prefix)
    {
        long dim = patchEmbed.weight!.shape[0];
        var patches = EmitConv(patchEmbed, x, $"{prefix}patch_embed");                                // [B, D, h, w]
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [patches, graph.Int64Constant("tokens_shape", 0, dim, -1)])], Ints("perm", 0, 2, 1));
        var batch = graph.Node("Slice", [graph.Node("Shape", [x]), graph.Int64Constant("zero", 0), graph.Int64Constant("one", 1)]);
        var clsShape = graph.Node("Concat", [batch, graph.Int64Constant("cls_rest", 1, dim)], Int("axis", 0));
        var cls = graph.Node("Expand", [graph.Initializer($"{prefix}cls_token", clsToken), clsShape]);
        return graph.Node("Add", [graph.Node("Concat", [cls, tokens], Int("axis", 1)), graph.Initializer($"{prefix}pos_embed", posEmbed)]);
    }

    /// <summary>The class token's row: <c>[B, D]</c>.</summary>
    private string ClsToken(string h) =>
        graph.Node("Squeeze", [graph.Node("Gather", [h, graph.Int64Constant("cls_index", 0)], Int("axis", 1)), graph.Int64Constant("axis1", 1)]);
}
