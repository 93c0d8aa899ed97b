using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The fonts embedded in letters: DejaVu Serif and Sans from Debian's <c>fonts-dejavu-core</c>
/// (<c>Documents:FontDirectory</c>). PDFsharp on Linux finds no system fonts by itself; every family
/// name resolves to one of these, so a letter never depends on what else is installed.
/// </summary>
public sealed class DejaVuFonts(string directory) : IFontResolver
{
    /// <summary>Debian's location of <c>fonts-dejavu-core</c>.</summary>
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The body font.</summary>
    public const string Serif = "DejaVu Serif";

    /// <summary>The font of marks and small print.</summary>
    public const string Sans = "DejaVu Sans";

    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var sans = familyName.Contains("sans", StringComparison.OrdinalIgnoreCase);
        var face = (sans, bold, italic) switch
        {
            (false, false, false) => "DejaVuSerif",
            (false, true, false) => "DejaVuSerif-Bold",
            (false, false, true) => "DejaVuSerif-Italic",
            (false, true, true) => "DejaVuSerif-BoldItalic",
            (true, false, false) => "DejaVuSans",
            (true, true, false) => "DejaVuSans-Bold",
            (true, false, true) => "DejaVuSans-Oblique",
            (true, true, true) => "DejaVuSans-BoldOblique",
        };
        return new FontResolverInfo(face);
    }

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) =>
        _cache.GetOrAdd(faceName, f =>
        {
            var path = Path.Combine(directory, f + ".ttf");
            return File.Exists(path)
                ? File.ReadAllBytes(path)
                : throw new FileNotFoundException(
                    $"The letter font {f}.ttf is not in {directory} (Documents:FontDirectory); install Debian's fonts-dejavu-core.", path);
        });
}
