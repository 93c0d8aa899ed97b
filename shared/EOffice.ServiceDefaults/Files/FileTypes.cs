using System.IO.Compression;
using System.Text;

namespace EOffice.ServiceDefaults.Files;

/// <summary>
/// The allow-list of attachment types, recognised by their content (magic bytes, and for the
/// ZIP-based office formats by the parts inside), never by the name or the declared type.
/// </summary>
public static class FileTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Odt = "application/vnd.oasis.opendocument.text";

    // At most this much of one entry is inflated when sniffing; what tells an entry apart is at its start.
    private const int SniffBytes = 4096;

    // Office documents hold tens of parts, large workbooks some thousands.
    private const int MaxZipEntries = 10_000;

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".docx"] = Docx,
        [".xlsx"] = Xlsx,
        [".odt"] = Odt,
    };

    /// <summary>The allowed type of the content, or null when it is none of them.</summary>
    public static string? Detect(Stream content)
    {
        Span<byte> head = stackalloc byte[8];
        content.Position = 0;
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        head = head[..n];
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? DetectZip(content) : null;
    }

    /// <summary>
    /// Whether the file name's extension (if it has one we know) agrees with the detected type: a
    /// PNG called <c>report.pdf</c> is refused. Uploads also need <see cref="HasAllowedExtension"/>.
    /// </summary>
    public static bool ExtensionAgrees(string fileName, string detected) =>
        !ByExtension.TryGetValue(Path.GetExtension(fileName), out var claimed) || claimed == detected;

    /// <summary>Whether the extension is one of the allowed ones (a file must carry one).</summary>
    public static bool HasAllowedExtension(string fileName) => ByExtension.ContainsKey(Path.GetExtension(fileName));

    /// <summary>A type as people call it (PDF, DOCX…), for messages.</summary>
    public static string Describe(string type) => type switch
    {
        Pdf => "PDF",
        Png => "PNG",
        Jpeg => "JPEG",
        Docx => "Word (DOCX)",
        Xlsx => "Excel (XLSX)",
        Odt => "OpenDocument text (ODT)",
        _ => type,
    };

    /// <summary>The allowed extensions, for messages.</summary>
    public static string AllowedExtensions => string.Join(", ", ByExtension.Keys);

    private static string? DetectZip(Stream content)
    {
        try
        {
            // Only what is needed is inflated, and only a bounded prefix of it: a small archive may hold an
            // entry that inflates to gigabytes (a zip bomb), and entries are never read whole here.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries)
            {
                return null;
            }

            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                // The ODF mimetype entry is exactly that one short line: anything longer is not one.
                var (text, whole) = Prefix(mimetype, 256);
                return whole && text.Trim() == Odt ? Odt : null;
            }

            if (zip.GetEntry("[Content_Types].xml") is not { } contentTypes
                || !Prefix(contentTypes, SniffBytes).Text.Contains("<Types", StringComparison.Ordinal))
            {
                return null;
            }

            return zip.GetEntry("word/document.xml") is not null ? Docx
                : zip.GetEntry("xl/workbook.xml") is not null ? Xlsx
                : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            return null; // a broken archive, or one packed in a way office files never are
        }
        finally
        {
            content.Position = 0;
        }
    }

    // The first bytes of an entry as UTF-8 text (at most maxBytes of it are inflated, plus one to tell
    // whether there is more), and whether that was the whole entry.
    private static (string Text, bool Whole) Prefix(ZipArchiveEntry entry, int maxBytes)
    {
        var buffer = new byte[maxBytes + 1];
        using var stream = entry.Open();
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(n, maxBytes)), n <= maxBytes);
    }
}
