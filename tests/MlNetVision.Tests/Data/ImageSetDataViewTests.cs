using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class ImageSetDataViewTests
{
    [Fact]
    public void Create_ThroughExtractPixels_GivesPlanarRgbScaledFloats()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, perTrainFile: 1, testRecords: 3);
        var test = Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test);
        var ml = new MLContext(seed: 1);

        var view = ImageSetDataView.Create(ml, test);
        var pipeline = ml.Transforms.ExtractPixels("Features", ImageSetDataView.ImageColumn,
            ImagePixelExtractingEstimator.ColorBits.Rgb, ImagePixelExtractingEstimator.ColorsOrder.ARGB,
            interleavePixelColors: false, scaleImage: 1f / 255);
        var rows = pipeline.Fit(view).Transform(view);
        var features = rows.GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();
        var labels = rows.GetColumn<string>(ImageSetDataView.LabelColumn).ToList();

        Assert.Equal(3, features.Count);
        Assert.Equal(new[] { "airplane", "automobile", "bird" }, labels);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(3 * 1024, features[i].Length);
            Assert.Equal(TinyCifar.PixelValue(1000 + i, 0, 17) / 255f, features[i][17], 6);
            Assert.Equal(TinyCifar.PixelValue(1000 + i, 1, 17) / 255f, features[i][1024 + 17], 6);
            Assert.Equal(TinyCifar.PixelValue(1000 + i, 2, 17) / 255f, features[i][2048 + 17], 6);
        }
    }

    [Fact]
    public void Create_ThroughResizeImages_ResizesTo64()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, perTrainFile: 1, testRecords: 2);
        var test = Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test);
        var ml = new MLContext(seed: 1);

        var view = ImageSetDataView.Create(ml, test);
        var pipeline = ml.Transforms.ResizeImages("Resized", 64, 64, ImageSetDataView.ImageColumn)
            .Append(ml.Transforms.ExtractPixels("Features", "Resized"));
        var transformed = pipeline.Fit(view).Transform(view);

        var type = (VectorDataViewType)transformed.Schema["Features"].Type;
        Assert.Equal(3 * 64 * 64, type.Size);
        Assert.Equal(2, transformed.GetColumn<VBuffer<float>>("Features").Count());
    }
}

public class ImageSetDataViewResizeTests
{
    [Fact]
    public void ResizeImages_SameSize_LeavesPixelsUnchanged()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, perTrainFile: 1, testRecords: 2);
        var test = Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test);
        var ml = new MLContext(seed: 1);
        var view = ImageSetDataView.Create(ml, test);

        var direct = ml.Transforms.ExtractPixels("Features", "Image").Fit(view).Transform(view)
            .GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();
        var resized = ml.Transforms.ResizeImages("Image", 32, 32, "Image", ImageResizingEstimator.ResizingKind.IsoCrop)
            .Append(ml.Transforms.ExtractPixels("Features", "Image")).Fit(view).Transform(view)
            .GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();

        Assert.Equal(direct[0], resized[0]);
        Assert.Equal(direct[1], resized[1]);
    }
}
