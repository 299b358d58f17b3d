using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class ImageFolderDatasetTests
{
    // Nothing in ImageFolderDataset decodes an image, so listing tests use placeholder files with image extensions.
    private static void Files(string folder, int count, string extension = ".png")
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < count; i++) File.WriteAllText(Path.Combine(folder, $"{i:000}{extension}"), "placeholder");
    }

    private static void Flat(string root, params (string Class, int Count)[] classes)
    {
        foreach (var (name, count) in classes) Files(Path.Combine(root, name), count);
    }

    [Fact]
    public void Open_SplitLayout_FindsTrainTestValidationWithOrdinalClassOrder()
    {
        using var temp = new TempFolder();
        foreach (var (split, perClass) in new[] { ("train", 3), ("test", 2), ("val", 1) })
        {
            Files(temp.Combine(split, "a"), perClass);
            Files(temp.Combine(split, "B"), perClass + 1);
        }

        var dataset = ImageFolderDataset.Open(temp.Path);

        Assert.Equal(ImageFolderLayout.Split, dataset.Layout);
        Assert.Equal(new[] { "B", "a" }, dataset.ClassNames); // ordinal: upper case before lower case
        Assert.Equal(new[] { 4, 3 }, dataset.CountsPerClass(dataset.Train));
        Assert.Equal(new[] { 3, 2 }, dataset.CountsPerClass(dataset.Test));
        Assert.NotNull(dataset.Validation);
        Assert.Equal(new[] { 2, 1 }, dataset.CountsPerClass(dataset.Validation!));
        Assert.All(dataset.Train, f => Assert.StartsWith(temp.Combine("train") + Path.DirectorySeparatorChar, f.Path));
        Assert.All(dataset.Test, f => Assert.StartsWith(temp.Combine("test") + Path.DirectorySeparatorChar, f.Path));
        Assert.All(dataset.Train.Concat(dataset.Test), f => Assert.Equal(dataset.ClassNames[f.Label], Path.GetFileName(Path.GetDirectoryName(f.Path))));
        Assert.Null(dataset.TestFraction);
        Assert.Equal(Path.GetFullPath(temp.Path), dataset.Root);
    }

    [Fact]
    public void Open_SplitLayout_RecordsFileSizesAndTimes()
    {
        using var temp = new TempFolder();
        Files(temp.Combine("train", "x"), 1);
        Files(temp.Combine("train", "y"), 1);
        Files(temp.Combine("test", "x"), 1);
        Files(temp.Combine("test", "y"), 1);
        var path = temp.Combine("train", "y", "000.png");
        File.WriteAllBytes(path, new byte[123]);
        var time = new DateTime(2021, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, time);

        var dataset = ImageFolderDataset.Open(temp.Path);

        var file = Assert.Single(dataset.Train, f => f.Path == path);
        Assert.Equal(1, file.Label);
        Assert.Equal(123, file.Length);
        Assert.Equal(time, file.LastWriteUtc);
    }

    [Fact]
    public void Open_SplitLayout_WithoutValidationFolder_HasNoValidation()
    {
        using var temp = new TempFolder();
        ImageFolders.WriteSplit(temp.Path, ["cat", "dog"], trainPerClass: 2, testPerClass: 1, seed: 1);

        var dataset = ImageFolderDataset.Open(temp.Path);

        Assert.Null(dataset.Validation);
        Assert.Equal(4, dataset.Train.Count);
        Assert.Equal(2, dataset.Test.Count);
    }

    [Fact]
    public void Open_SplitLayout_AcceptsValidationFolderNameAndFewerClassesInIt()
    {
        using var temp = new TempFolder();
        foreach (var split in new[] { "train", "test" })
            Flat(temp.Combine(split), ("a", 2), ("b", 2), ("c", 2));
        Flat(temp.Combine("validation"), ("a", 1), ("c", 3));

        var dataset = ImageFolderDataset.Open(temp.Path);

        Assert.Equal(new[] { 1, 0, 3 }, dataset.CountsPerClass(dataset.Validation!));
    }

    [Fact]
    public void Open_ImagesInSubfoldersAndUpperCaseExtensions_BelongToTheirClass()
    {
        using var temp = new TempFolder();
        Files(temp.Combine("cat"), 2);
        Files(temp.Combine("cat", "more", "deeper"), 2, ".JPG");
        Files(temp.Combine("dog"), 2, ".jpeg");
        Files(temp.Combine("dog", "x"), 1, ".Bmp");

        var dataset = ImageFolderDataset.Open(temp.Path, testFraction: 0.25);

        Assert.Equal(new[] { 4, 3 }, dataset.CountsPerClass(dataset.Train.Concat(dataset.Test).ToList()));
        Assert.Empty(dataset.IgnoredFiles);
    }

    [Fact]
    public void Open_FlatLayout_SplitsEachClassByTheTestFraction()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("a", 10), ("b", 20), ("c", 30));

        var dataset = ImageFolderDataset.Open(temp.Path, testFraction: 0.3, splitSeed: 7);

        Assert.Equal(ImageFolderLayout.Flat, dataset.Layout);
        Assert.Equal(new[] { "a", "b", "c" }, dataset.ClassNames);
        Assert.Equal(new[] { 3, 6, 9 }, dataset.CountsPerClass(dataset.Test));
        Assert.Equal(new[] { 7, 14, 21 }, dataset.CountsPerClass(dataset.Train));
        Assert.Equal(60, dataset.Train.Concat(dataset.Test).Select(f => f.Path).Distinct().Count());
        Assert.Null(dataset.Validation);
        Assert.Equal(0.3, dataset.TestFraction);
        Assert.Equal(7, dataset.SplitSeed);
    }

    [Fact]
    public void Open_FlatLayout_UnevenFraction_StaysWithinOneImagePerClass()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("a", 7), ("b", 11), ("c", 13));

        var dataset = ImageFolderDataset.Open(temp.Path, testFraction: 0.25, splitSeed: 3);

        Assert.Equal((int)Math.Round(31 * 0.25), dataset.Test.Count);
        var counts = dataset.CountsPerClass(dataset.Test);
        var sizes = new[] { 7, 11, 13 };
        for (int c = 0; c < 3; c++) Assert.InRange(counts[c], Math.Floor(sizes[c] * 0.25), Math.Ceiling(sizes[c] * 0.25));
    }

    [Fact]
    public void Open_FlatLayout_SameSeedSameSplit_OtherSeedOtherSplit()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("a", 20), ("b", 20));

        var first = ImageFolderDataset.Open(temp.Path, 0.25, splitSeed: 1);
        var again = ImageFolderDataset.Open(temp.Path, 0.25, splitSeed: 1);
        var other = ImageFolderDataset.Open(temp.Path, 0.25, splitSeed: 2);

        Assert.Equal(first.Test.Select(f => f.Path), again.Test.Select(f => f.Path));
        Assert.Equal(first.TestListHash, again.TestListHash);
        Assert.Equal(first.FileListHash, again.FileListHash);
        Assert.NotEqual(first.Test.Select(f => f.Path), other.Test.Select(f => f.Path));
        Assert.NotEqual(first.TestListHash, other.TestListHash);
        Assert.NotEqual(first.FileListHash, other.FileListHash);
        Assert.Equal(first.CountsPerClass(first.Test), other.CountsPerClass(other.Test));
    }

    [Fact]
    public void Hashes_DependOnRelativePathsOnly()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        Flat(one.Path, ("a", 8), ("b", 8));
        Flat(two.Path, ("a", 8), ("b", 8));

        var first = ImageFolderDataset.Open(one.Path, 0.25, splitSeed: 4);
        var second = ImageFolderDataset.Open(two.Path, 0.25, splitSeed: 4);

        Assert.Equal(first.TestListHash, second.TestListHash);
        Assert.Equal(first.FileListHash, second.FileListHash);
        Assert.Matches("^[0-9a-f]{64}$", first.FileListHash);
        Assert.Matches("^[0-9a-f]{64}$", first.TestListHash);
        Assert.NotEqual(first.FileListHash, first.TestListHash);
    }

    [Fact]
    public void FileListHash_TellsApartSplitsThatListTheSameFilesInTheSameOrder()
    {
        // One image of "a" and five of "b": holding out one image takes a "b", holding out two takes two "b"s. When the seeds
        // pick the last "b"s, train + test lists the same paths in the same order for both splits; only the split differs.
        using var temp = new TempFolder();
        Flat(temp.Path, ("a", 1), ("b", 5));
        string B(int i) => temp.Combine("b", $"{i:000}.png");
        ImageFolderDataset? Find(double fraction, string[] test) =>
            Enumerable.Range(0, 500).Select(seed => ImageFolderDataset.Open(temp.Path, fraction, seed))
                .FirstOrDefault(d => d.Test.Select(f => f.Path).SequenceEqual(test));

        var one = Find(1.0 / 6, [B(4)]);
        var two = Find(2.0 / 6, [B(3), B(4)]);

        Assert.NotNull(one);
        Assert.NotNull(two);
        Assert.Equal(one!.Train.Concat(one.Test).Select(f => f.Path), two!.Train.Concat(two.Test).Select(f => f.Path));
        Assert.NotEqual(one.TestListHash, two.TestListHash);
        Assert.NotEqual(one.FileListHash, two.FileListHash);
    }

    [Fact]
    public void Open_NonImageFiles_AreIgnoredAndListed()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("cat", 3), ("dog", 3));
        File.WriteAllText(temp.Combine("cat", "notes.txt"), "x");
        File.WriteAllText(temp.Combine("dog", ".DS_Store"), "x");
        File.WriteAllText(temp.Combine(".DS_Store"), "x");
        File.WriteAllText(temp.Combine("README.md"), "x");
        Directory.CreateDirectory(temp.Combine(".git"));
        File.WriteAllText(temp.Combine(".git", "HEAD"), "x");

        var dataset = ImageFolderDataset.Open(temp.Path);

        Assert.Equal(new[] { "cat", "dog" }, dataset.ClassNames);
        Assert.Equal(6, dataset.Train.Count + dataset.Test.Count);
        Assert.Equal(
            new[] { ".DS_Store", "README.md", Path.Combine("cat", "notes.txt"), Path.Combine("dog", ".DS_Store") },
            dataset.IgnoredFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Open_SplitLayout_NonImageFilesInEverySplit_AreListed()
    {
        using var temp = new TempFolder();
        ImageFolders.WriteSplit(temp.Path, ["cat", "dog"], trainPerClass: 1, testPerClass: 1, seed: 2);
        File.WriteAllText(temp.Combine("train", "labels.csv"), "x");
        File.WriteAllText(temp.Combine("test", "dog", "Thumbs.db"), "x");

        var dataset = ImageFolderDataset.Open(temp.Path);

        Assert.Equal(new[] { Path.Combine("test", "dog", "Thumbs.db"), Path.Combine("train", "labels.csv") },
            dataset.IgnoredFiles.Order(StringComparer.Ordinal));
        Assert.Equal(2, dataset.Train.Count);
    }

    [Fact]
    public void Open_MissingFolder_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("nowhere");

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Open_NoClassFolders_ThrowsNamingTheFolder()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.png"), "x");

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("no class folders", error.Message);
    }

    [Fact]
    public void Open_OneClass_ThrowsNamingTheClass()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("lonely", 3));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains("lonely", error.Message);
        Assert.Contains("at least two classes", error.Message);
    }

    [Fact]
    public void Open_SplitLayout_OneTrainingClass_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        Files(temp.Combine("train", "only"), 2);
        Flat(temp.Combine("test"), ("only", 1), ("other", 1));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains(temp.Combine("train"), error.Message);
        Assert.Contains("only", error.Message);
    }

    [Fact]
    public void Open_EmptyClassFolder_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("cat", 2));
        Directory.CreateDirectory(temp.Combine("dog"));
        File.WriteAllText(temp.Combine("dog", "notes.txt"), "not an image");

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains(temp.Combine("dog"), error.Message);
        Assert.Contains("has no images", error.Message);
    }

    [Fact]
    public void Open_EmptyClassFolderInTest_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        Flat(temp.Combine("train"), ("cat", 2), ("dog", 2));
        Flat(temp.Combine("test"), ("cat", 1));
        Directory.CreateDirectory(temp.Combine("test", "dog"));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains(temp.Combine("test", "dog"), error.Message);
    }

    [Fact]
    public void Open_ClassNamesDifferingOnlyInCase_ThrowsNamingBoth()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("cat", 2), ("Cat", 2), ("dog", 2));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains("Cat, cat", error.Message);
        Assert.Contains("differ only in case", error.Message);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("val")]
    public void Open_ClassMissingFromTrain_ThrowsNamingClassAndSplit(string split)
    {
        using var temp = new TempFolder();
        Flat(temp.Combine("train"), ("cat", 2), ("dog", 2));
        Flat(temp.Combine("test"), ("cat", 1), ("dog", 1));
        Flat(temp.Combine(split), ("cat", 1), ("dog", 1), ("fox", 1));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains("'fox'", error.Message);
        Assert.Contains($"is in {split} ({temp.Combine(split, "fox")})", error.Message);
        Assert.Contains("Training classes: cat, dog", error.Message);
    }

    [Theory]
    [InlineData("train", "test")]
    [InlineData("test", "train")]
    public void Open_OneSplitFolderWithoutTheOther_ThrowsNamingBoth(string present, string absent)
    {
        using var temp = new TempFolder();
        Flat(temp.Combine(present), ("cat", 2), ("dog", 2));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path));

        Assert.Contains(temp.Path, error.Message);
        Assert.Contains($"has a '{present}' folder but no '{absent}' folder", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Open_TestFractionOutsideZeroToOne_Throws(double fraction)
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("a", 2), ("b", 2));

        var error = Assert.Throws<MlNetVisionException>(() => ImageFolderDataset.Open(temp.Path, fraction));

        Assert.Contains("test fraction", error.Message);
    }

    [Fact]
    public void LooksLikeImageFolder_NeedsAnExistingFolderWithSubfolders()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("file.png"), "x");
        Assert.False(ImageFolderDataset.LooksLikeImageFolder(temp.Path));
        Assert.False(ImageFolderDataset.LooksLikeImageFolder(temp.Combine("missing")));

        Directory.CreateDirectory(temp.Combine("cat"));

        Assert.True(ImageFolderDataset.LooksLikeImageFolder(temp.Path));
    }

    [Fact]
    public void Open_FlatLayout_ClassWhoseOnlyImageGoesToTest_IsAnErrorNamingIt()
    {
        using var temp = new TempFolder();
        Flat(temp.Path, ("a", 1), ("b", 9));   // 5 test images: quotas 0.5 and 4.5, the tie goes to 'a'

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderDataset.Open(temp.Path, testFraction: 0.5));

        Assert.Contains("Class 'a' has 1 image(s)", error.Message);
        Assert.Contains("--test-fraction", error.Message);
    }
}
