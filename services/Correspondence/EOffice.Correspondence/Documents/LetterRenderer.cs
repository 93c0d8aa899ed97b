using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EOffice.ServiceDefaults.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// Lays a letter out on A4 after Permendagri 1/2023: the kop surat, then the head of its type (a
/// surat with Nomor/Sifat/Lampiran/Hal and "Yth." on the right; a nota dinas or memo with its
/// title and the Yth./Dari/Tembusan/Tanggal table; other types with their title and "tentang"),
/// the body from Markdown, the signature block with the QR code, and the tembusan. Pure: the same
/// paper gives the same bytes (fixed dates and document id).
/// </summary>
public static partial class LetterRenderer
{
    private static readonly Lock FontGate = new();

    /// <summary>Points PDFsharp (process-wide) at the DejaVu fonts in <paramref name="directory"/>; the first call wins.</summary>
    public static void UseFonts(string directory)
    {
        lock (FontGate)
        {
            GlobalFontSettings.FontResolver ??= new DejaVuFonts(directory);
        }
    }

    /// <summary>Lays the letter out; the caller saves (and may sign) the document.</summary>
    public static PdfDocument Render(LetterPaper paper)
    {
        UseFonts(DejaVuFonts.DefaultDirectory);
        var doc = new PdfDocument();
        var at = paper.Timestamp.UtcDateTime;
        doc.Info.Title = paper.Number is null ? $"{paper.Type} (draf)" : $"{paper.Type} {paper.Number}";
        doc.Info.Subject = paper.Security == "Biasa" ? paper.Subject : "";
        doc.Info.Creator = "EOffice";
        doc.Info.CreationDate = at;
        doc.Info.ModificationDate = at;
        var id = paper.LetterId.ToString("N").ToUpperInvariant();
        doc.Internals.FirstDocumentID = id;
        doc.Internals.SecondDocumentID = id;

        var sheet = new Sheet(doc, paper);
        sheet.NewPage();
        DrawLetterhead(sheet, paper.Letterhead);
        switch (LayoutOf(paper.Type))
        {
            case Layout.Memo:
                MemoHead(sheet, paper);
                break;
            case Layout.Surat:
                SuratHead(sheet, paper);
                break;
            default:
                TitledHead(sheet, paper);
                break;
        }

        sheet.Gap(6);
        new MarkdownFlow(sheet).Render(paper.Body ?? "");
        EventBlock(sheet, paper.Event);
        SignatureBlock(sheet, paper, LayoutOf(paper.Type) == Layout.Titled);
        if (LayoutOf(paper.Type) != Layout.Memo)
        {
            Tembusan(sheet, paper.Cc);
        }

        sheet.Finish();
        FixSubsetTags(doc);
        return doc;
    }

    // PDFsharp tags each embedded font subset with six random letters ("ABCDEF+DejaVuSerif"); the same
    // letter must give the same bytes, so the tag is derived from the font's name instead.
    private static void FixSubsetTags(PdfDocument doc)
    {
        foreach (var dictionary in doc.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            foreach (var key in (string[])["/BaseFont", "/FontName"])
            {
                var name = dictionary.Elements.GetName(key);
                if (name.Length > 8 && name[7] == '+' && name[1..7].All(char.IsAsciiLetterUpper))
                {
                    var face = name[8..];
                    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(face));
                    var tag = new string(hash.Take(6).Select(b => (char)('A' + (b % 26))).ToArray());
                    dictionary.Elements.SetName(key, "/" + tag + "+" + face);
                }
            }
        }
    }

    /// <summary>Renders and saves without a digital signature (drafts, and the provider's input).</summary>
    public static byte[] RenderBytes(LetterPaper paper)
    {
        using var doc = Render(paper);
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        var bytes = ms.ToArray();
        FixXmpIds(bytes, paper.LetterId);
        return bytes;
    }

    // PDFsharp writes fresh random XMP document/instance uuids on save (uncompressed, so they can be found);
    // they are overwritten in place with the letter's id, same length, so no offset moves.
    private static void FixXmpIds(byte[] pdf, Guid letterId)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var id = Encoding.ASCII.GetBytes(letterId.ToString("D"));
        foreach (System.Text.RegularExpressions.Match m in XmpUuid().Matches(text))
        {
            id.CopyTo(pdf, m.Index + 5);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    private enum Layout
    {
        Surat,
        Memo,
        Titled,
    }

    private static Layout LayoutOf(string type) => type.Trim().ToUpperInvariant() switch
    {
        "NOTA DINAS" or "MEMO" => Layout.Memo,
        "SURAT DINAS" or "SURAT UNDANGAN" or "SURAT" => Layout.Surat,
        _ => Layout.Titled,
    };

    private static string DateText(LetterPaper p) => p.Date is { } d ? Indonesian.Date(d) : "...................";

    private static string Lampiran(int count) => count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{count} berkas");
}
