using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>Reads the official CIFAR-10 binary files into an <see cref="ImageSet"/>, validating every record.</summary>
public static class Cifar10Reader
{
    /// <summary>Reads one split from <paramref name="folder"/> (a folder holding the <c>.bin</c> files).</summary>
    /// <exception cref="InvalidDatasetException">A file is missing, has a partial record or a label above 9.</exception>
    public static ImageSet ReadSplit(string folder, DatasetSplit split)
    {
        var classNames = ReadClassNames(folder);
        var files = Cifar10Format.FilesOf(split).Select(f => Path.Combine(folder, f)).ToList();
        foreach (var file in files)
            if (!File.Exists(file))
                throw new InvalidDatasetException($"CIFAR-10 file missing: {file}. Expected {string.Join(", ", Cifar10Format.AllDataFiles)} in {folder}.");

        long total = 0;
        foreach (var file in files)
        {
            long length = new FileInfo(file).Length;
            if (length == 0 || length % Cifar10Format.RecordSize != 0)
                throw new InvalidDatasetException(
                    $"{file}: {length} bytes is not a whole number of {Cifar10Format.RecordSize}-byte records " +
                    $"(record {length / Cifar10Format.RecordSize} is cut off after {length % Cifar10Format.RecordSize} bytes); the file is truncated or not CIFAR-10.");
            if (length / Cifar10Format.RecordSize > Cifar10Format.RecordsPerBatch)
                throw new InvalidDatasetException(
                    $"{file}: {length / Cifar10Format.RecordSize:N0} records, more than the {Cifar10Format.RecordsPerBatch:N0} of an official batch file; the file is not CIFAR-10 or several were joined.");
            total += length / Cifar10Format.RecordSize;
        }

        var pixels = new byte[total * Cifar10Format.ImageBytes];
        var labels = new int[total];
        long image = 0;
        var record = new byte[Cifar10Format.RecordSize];
        foreach (var file in files)
        {
            using var stream = new BufferedStream(File.OpenRead(file), 1 << 20);
            for (long r = 0; stream.Position < stream.Length; r++, image++)
            {
                stream.ReadExactly(record);
                if (record[0] >= classNames.Count)
                    throw new InvalidDatasetException($"{file}: record {r} has label byte {record[0]}; labels must be 0 to {classNames.Count - 1}.");
                labels[image] = record[0];
                record.AsSpan(1).CopyTo(pixels.AsSpan((int)(image * Cifar10Format.ImageBytes)));
            }
        }
        return new ImageSet($"cifar10/{split.ToString().ToLowerInvariant()}", pixels, labels, classNames,
            Cifar10Format.ImageSize, Cifar10Format.ImageSize);
    }

    /// <summary>Class names from <c>batches.meta.txt</c> (one per line, blank lines ignored), else the official ten.</summary>
    public static IReadOnlyList<string> ReadClassNames(string folder)
    {
        var meta = Path.Combine(folder, Cifar10Format.MetaFile);
        if (!File.Exists(meta)) return Cifar10Format.DefaultClassNames;
        var names = File.ReadAllLines(meta).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (names.Count != 10 || names.Distinct().Count() != 10)
            throw new InvalidDatasetException($"{meta}: expected 10 distinct class names, one per line; found {names.Count}.");
        return names;
    }
}
