using System.Buffers.Binary;
using System.Text;

namespace MlNetVision.Native;

/// <summary>
/// A minimal reader of 64-bit little-endian ELF shared objects: just enough to list a library's
/// <c>DT_NEEDED</c> entries, the symbol versions it needs (<c>.gnu.version_r</c>) and the ones it
/// defines (<c>.gnu.version_d</c>), and to mark a needed version weak in a copy of the bytes.
/// </summary>
internal sealed class ElfImage
{
    private const uint SectionDynamic = 6;
    private const uint SectionVersionDefinitions = 0x6ffffffd;
    private const uint SectionVersionNeeds = 0x6ffffffe;
    private const long DynamicNeeded = 1;

    /// <summary><c>VER_FLG_WEAK</c>: the dynamic loader only warns when such a version is missing.</summary>
    public const ushort VersionFlagWeak = 0x2;

    private readonly byte[] _bytes;

    private ElfImage(byte[] bytes, string source)
    {
        _bytes = bytes;
        Source = source;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException($"{source} is not an ELF file.");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException($"{source} is not a 64-bit little-endian ELF file.");
        Sections = ReadSections();
    }

    /// <summary>Where the bytes came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The raw bytes (a private copy: changes do not reach the file).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    private IReadOnlyList<Section> Sections { get; }

    /// <summary>Reads an ELF file into memory.</summary>
    public static ElfImage Load(string path) => new(File.ReadAllBytes(path), path);

    /// <summary>Wraps ELF bytes (copied).</summary>
    public static ElfImage FromBytes(byte[] bytes, string source = "ELF image") => new((byte[])bytes.Clone(), source);

    /// <summary>The <c>DT_NEEDED</c> library names, in order.</summary>
    public IReadOnlyList<string> NeededLibraries()
    {
        var result = new List<string>();
        foreach (var dynamic in Sections.Where(s => s.Type == SectionDynamic))
        {
            var strings = Sections[(int)dynamic.Link];
            for (long at = dynamic.Offset; at + 16 <= dynamic.Offset + dynamic.Size; at += 16)
            {
                long tag = ReadInt64(at);
                if (tag == 0) break;
                if (tag == DynamicNeeded) result.Add(ReadString(strings, ReadInt64(at + 8)));
            }
        }
        return result;
    }

    /// <summary>Every (library, version) pair of <c>.gnu.version_r</c>, with its flags.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds()
    {
        var result = new List<VersionNeed>();
        foreach (var section in Sections.Where(s => s.Type == SectionVersionNeeds))
        {
            var strings = Sections[(int)section.Link];
            long need = section.Offset;
            while (true)
            {
                ushort count = ReadUInt16(need + 2);
                string file = ReadString(strings, ReadUInt32(need + 4));
                long aux = need + ReadUInt32(need + 8);
                for (int i = 0; i < count; i++)
                {
                    ushort flags = ReadUInt16(aux + 4);
                    string name = ReadString(strings, ReadUInt32(aux + 8));
                    result.Add(new VersionNeed(file, name, flags, aux + 4));
                    uint nextAux = ReadUInt32(aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = ReadUInt32(need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return result;
    }

    /// <summary>The version names a library defines (<c>.gnu.version_d</c>), such as <c>GLIBCXX_3.4.30</c>.</summary>
    public IReadOnlySet<string> VersionDefinitions()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections.Where(s => s.Type == SectionVersionDefinitions))
        {
            var strings = Sections[(int)section.Link];
            long def = section.Offset;
            while (true)
            {
                ushort count = ReadUInt16(def + 6);
                long aux = def + ReadUInt32(def + 12);
                for (int i = 0; i < count; i++)
                {
                    result.Add(ReadString(strings, ReadUInt32(aux)));
                    uint nextAux = ReadUInt32(aux + 4);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = ReadUInt32(def + 16);
                if (next == 0) break;
                def += next;
            }
        }
        return result;
    }

    /// <summary>Sets <see cref="VersionFlagWeak"/> on one needed version, in this in-memory copy.</summary>
    public void MarkWeak(VersionNeed need)
    {
        ushort flags = (ushort)(ReadUInt16(need.FlagsOffset) | VersionFlagWeak);
        BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan((int)need.FlagsOffset, 2), flags);
    }

    private List<Section> ReadSections()
    {
        long offset = ReadInt64(0x28);
        int size = ReadUInt16(0x3A);
        int count = ReadUInt16(0x3C);
        if (offset <= 0 || size < 64 || offset + (long)size * count > _bytes.Length)
            throw new InvalidDataException($"{Source} has no readable section header table.");
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            long at = offset + (long)i * size;
            var section = new Section(ReadUInt32(at + 4), ReadInt64(at + 0x18), ReadInt64(at + 0x20), ReadUInt32(at + 0x28));
            if (section.Type != 8 && section.Offset + section.Size > _bytes.Length)
                throw new InvalidDataException($"{Source}: section {i} lies outside the file.");
            sections.Add(section);
        }
        return sections;
    }

    private string ReadString(Section strings, long index)
    {
        long start = strings.Offset + index;
        if (index < 0 || index >= strings.Size) throw new InvalidDataException($"{Source}: string index {index} is outside its table.");
        int end = Array.IndexOf(_bytes, (byte)0, (int)start);
        return Encoding.ASCII.GetString(_bytes, (int)start, end - (int)start);
    }

    private ushort ReadUInt16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(Span(at, 2));
    private uint ReadUInt32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(Span(at, 4));
    private long ReadInt64(long at) => BinaryPrimitives.ReadInt64LittleEndian(Span(at, 8));

    private ReadOnlySpan<byte> Span(long at, int length)
    {
        if (at < 0 || at + length > _bytes.Length) throw new InvalidDataException($"{Source}: read past the end of the file at offset {at}.");
        return _bytes.AsSpan((int)at, length);
    }

    private readonly record struct Section(uint Type, long Offset, long Size, uint Link);
}

/// <summary>One entry of <c>.gnu.version_r</c>: <paramref name="Version"/> needed from <paramref name="Library"/>.</summary>
internal sealed record VersionNeed(string Library, string Version, ushort Flags, long FlagsOffset)
{
    /// <summary>True when the loader tolerates the version being absent.</summary>
    public bool IsWeak => (Flags & ElfImage.VersionFlagWeak) != 0;
}
