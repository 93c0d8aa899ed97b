using System.Globalization;

namespace EOffice.ServiceDefaults.Files;

/// <summary>
/// What an uploaded file may be called. Control characters and text-direction controls can make a name
/// read as another one (<c>laporan\u202Efdp.exe</c> shows as <c>laporanexe.pdf</c>), so a name carrying
/// them is refused; other invisible formatting characters (zero-width spaces, soft hyphens) are dropped
/// from the stored name. Plain rules, no I/O.
/// </summary>
public static class AttachmentNames
{
    /// <summary>The longest stored name; a longer one keeps its end (and so its extension).</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Whether the name carries a control character (C0, DEL, C1) or a bidirectional control
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
    /// </summary>
    public static bool HasDisguisingCharacters(string name) => name.Any(c => char.IsControl(c) || IsBidiControl(c));

    /// <summary>
    /// The name to store: the last path segment, without control, bidirectional or other invisible
    /// formatting characters, trimmed, at most <see cref="MaxLength"/> characters; empty when nothing is left.
    /// </summary>
    public static string Clean(string name)
    {
        var visible = new string(name.Where(c => !char.IsControl(c) && !IsBidiControl(c)
            && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray());
        var clean = Path.GetFileName(visible.Replace('\\', '/')).Trim();
        return clean.Length <= MaxLength ? clean : clean[^MaxLength..];
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
