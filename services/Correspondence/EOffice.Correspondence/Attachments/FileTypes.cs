using System.IO.Compression;

namespace EOffice.Correspondence.Attachments;

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
    /// PNG called <c>report.pdf</c> is refused.
    /// </summary>
    public static bool ExtensionAgrees(string fileName, string detected) =>
        !ByExtension.TryGetValue(Path.GetExtension(fileName), out var claimed) || claimed == detected;

    /// <summary>Whether the extension is one of the allowed ones (a file must carry one).</summary>
    public static bool HasAllowedExtension(string fileName) => ByExtension.ContainsKey(Path.GetExtension(fileName));

    private static string? DetectZip(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open());
                return reader.ReadToEnd().Trim() == Odt ? Odt : null;
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            return zip.GetEntry("word/document.xml") is not null ? Docx
                : zip.GetEntry("xl/workbook.xml") is not null ? Xlsx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
