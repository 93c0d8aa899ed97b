using System.Globalization;
using EOffice.ServiceDefaults.Text;
using PdfSharp.Drawing;
using QRCoder;

namespace EOffice.Correspondence.Documents;

/// <summary>The blocks of a letter page: kop surat, the head of each layout, fields, signature with its QR code, tembusan.</summary>
public static partial class LetterRenderer
{
    private static void DrawLetterhead(Sheet s, Letterhead k)
    {
        var g = s.G;
        var top = s.Y;
        var textLeft = Sheet.Left;
        if (k.Logo is { Length: > 0 } logo && TryImage(s, logo) is { } image)
        {
            g.DrawImage(image, Sheet.Left, top, 62, 62);
            textLeft = Sheet.Left + 70;
        }

        var width = Sheet.Right - textLeft;
        for (var i = 0; i < k.Lines.Count; i++)
        {
            var last = i == k.Lines.Count - 1;
            var font = s.Font(last ? 15 : 13, bold: true, sans: false);
            s.Centered(k.Lines[i], font, textLeft, width);
        }

        var small = s.Font(9.5, sans: false);
        s.Centered(k.Address, small, textLeft, width);
        var contacts = new List<string>();
        if (!string.IsNullOrWhiteSpace(k.Phone))
        {
            contacts.Add("Telepon " + k.Phone);
        }

        if (!string.IsNullOrWhiteSpace(k.Email))
        {
            contacts.Add("Pos-el " + k.Email);
        }

        if (!string.IsNullOrWhiteSpace(k.Website))
        {
            contacts.Add("Laman " + k.Website);
        }

        if (contacts.Count > 0)
        {
            s.Centered(string.Join(", ", contacts), small, textLeft, width);
        }

        s.Y = Math.Max(s.Y, top + 64) + 3;
        g.DrawLine(new XPen(XColors.Black, 2.2), Sheet.Left, s.Y, Sheet.Right, s.Y);
        g.DrawLine(new XPen(XColors.Black, 0.7), Sheet.Left, s.Y + 3, Sheet.Right, s.Y + 3);
        s.Y += 14;
    }

    // A logo PDFsharp cannot read (some PNG variants) leaves the kop without it rather than failing the signing.
    private static XImage? TryImage(Sheet s, byte[] png)
    {
        try
        {
            return s.Image(png);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or IOException)
        {
            return null;
        }
    }

    // Surat Dinas / Surat Undangan: place and date right, Nomor…Hal left, "Yth." right.
    private static void SuratHead(Sheet s, LetterPaper p)
    {
        var half = Sheet.Left + (Sheet.Width * 0.55);
        s.Line($"{p.Place}, {DateText(p)}", s.Font(Sheet.BodySize), half);
        s.Gap(6);
        Field(s, "Nomor", p.Number ?? "", 60);
        Field(s, "Sifat", Indonesian.Security(p.Security), 60);
        Field(s, "Lampiran", Lampiran(p.AttachmentCount), 60);
        Field(s, "Hal", p.Subject, 60);
        s.Gap(10);
        var body = s.Font(Sheet.BodySize);
        if (p.To.Count == 1)
        {
            Addressee(s, "Yth. ", p.To[0], half);
        }
        else
        {
            s.Line("Yth.", body, half);
            for (var i = 0; i < p.To.Count; i++)
            {
                Addressee(s, string.Create(CultureInfo.InvariantCulture, $"{i + 1}. "), p.To[i], half);
            }
        }

        s.Line("di", body, half);
        s.Line("Tempat", body, half + 12);
        s.Gap(10);
    }

    // An addressee after its prefix ("Yth. " or "1. "), its address (further lines) below the name.
    private static void Addressee(Sheet s, string prefix, string addressee, double x)
    {
        var lines = addressee.Split('\n');
        s.Flow([new Run(prefix + lines[0])], x, Sheet.Right - x);
        foreach (var line in lines.Skip(1))
        {
            s.Flow([new Run(line)], x, Sheet.Right - x, size: Sheet.BodySize - 1);
        }
    }

    // The event of a Surat Undangan, as Permendagri 1/2023 sets it out: "hari, tanggal : Rabu, 2 Desember 2026", pukul, tempat, acara.
    private static void EventBlock(Sheet s, IReadOnlyList<KeyValuePair<string, string>> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        s.Gap(6);
        var font = s.Font(Sheet.BodySize);
        const double indent = 36;
        const double labelWidth = 90;
        foreach (var (label, value) in lines)
        {
            s.Need(Sheet.LineHeight);
            s.G.DrawString(label, font, XBrushes.Black, Sheet.Left + indent, s.Y, XStringFormats.TopLeft);
            s.G.DrawString(":", font, XBrushes.Black, Sheet.Left + indent + labelWidth, s.Y, XStringFormats.TopLeft);
            var x = Sheet.Left + indent + labelWidth + 10;
            foreach (var line in (value.Length == 0 ? " " : value).Split('\n'))
            {
                s.Flow([new Run(line)], x, Sheet.Right - x);
            }
        }

        s.Gap(6);
    }

    // Nota Dinas / Memo: the title and number centred, then Yth./Dari/Tembusan/Tanggal/Sifat/Lampiran/Hal, then a rule.
    private static void MemoHead(Sheet s, LetterPaper p)
    {
        s.Centered(p.Type.ToUpperInvariant(), s.Font(13, bold: true), Sheet.Left, Sheet.Width);
        s.Centered("NOMOR " + (p.Number ?? "................"), s.Font(Sheet.BodySize), Sheet.Left, Sheet.Width);
        s.Gap(12);
        Field(s, "Yth.", Numbered(p.To), 75);
        Field(s, "Dari", p.SignerTitle, 75);
        if (p.Cc.Count > 0)
        {
            Field(s, "Tembusan", Numbered(p.Cc), 75);
        }

        Field(s, "Tanggal", DateText(p), 75);
        Field(s, "Sifat", Indonesian.Security(p.Security), 75);
        Field(s, "Lampiran", Lampiran(p.AttachmentCount), 75);
        Field(s, "Hal", p.Subject, 75);
        s.Gap(4);
        s.G.DrawLine(new XPen(XColors.Black, 0.8), Sheet.Left, s.Y, Sheet.Right, s.Y);
        s.Gap(12);
    }

    // Surat Edaran, Surat Tugas and other types: title, number and "tentang" centred; addressees of an edaran below.
    private static void TitledHead(Sheet s, LetterPaper p)
    {
        s.Centered(p.Type.ToUpperInvariant(), s.Font(13, bold: true), Sheet.Left, Sheet.Width);
        s.Centered("NOMOR " + (p.Number ?? "................"), s.Font(Sheet.BodySize), Sheet.Left, Sheet.Width);
        s.Gap(6);
        s.Centered("TENTANG", s.Font(Sheet.BodySize), Sheet.Left, Sheet.Width);
        s.Flow([new Run(p.Subject.ToUpperInvariant())], Sheet.Left + 40, Sheet.Width - 80, centered: true);
        s.Gap(6);
        Field(s, "Sifat", Indonesian.Security(p.Security), 75);
        Field(s, "Lampiran", Lampiran(p.AttachmentCount), 75);
        if (p.To.Count > 0)
        {
            Field(s, "Yth.", Numbered(p.To), 75);
        }

        s.Gap(10);
    }

    private static string Numbered(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join("\n", items.Select((x, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {x}")));

    private static void Field(Sheet s, string label, string value, double labelWidth)
    {
        var font = s.Font(Sheet.BodySize);
        s.Need(Sheet.LineHeight);
        s.G.DrawString(label, font, XBrushes.Black, Sheet.Left, s.Y, XStringFormats.TopLeft);
        s.G.DrawString(":", font, XBrushes.Black, Sheet.Left + labelWidth, s.Y, XStringFormats.TopLeft);
        var x = Sheet.Left + labelWidth + 10;
        foreach (var line in (value.Length == 0 ? " " : value).Split('\n'))
        {
            s.Flow([new Run(line)], x, Sheet.Right - x);
        }
    }

    private static void SignatureBlock(Sheet s, LetterPaper p, bool withPlace)
    {
        var x = Sheet.Left + (Sheet.Width * 0.45);
        var width = Sheet.Right - x;
        var electronic = !p.Draft && p.VerifyUrl is not null;
        // Keep the block together on one page.
        s.Gap(10);
        s.Need((withPlace ? 2 : 0) * Sheet.LineHeight + 150);
        var body = s.Font(Sheet.BodySize);
        if (withPlace)
        {
            s.Line($"Ditetapkan di {p.Place}", body, x);
            s.Line($"pada tanggal {DateText(p)}", body, x);
            s.Gap(6);
        }

        if (electronic)
        {
            s.Line("Ditandatangani secara elektronik oleh:", s.Font(9, sans: true), x);
        }

        // Permendagri: "a.n. Kepala Dinas …," on its own line above the signer's title.
        if (!string.IsNullOrWhiteSpace(p.OnBehalfLine))
        {
            s.Flow([new Run(p.OnBehalfLine + ",")], x, width);
        }

        s.Flow([new Run(p.SignerTitle + ",")], x, width);
        s.Gap(4);
        if (electronic)
        {
            DrawQr(s.G, p.VerifyUrl!, x, s.Y, 80);
            s.Y += 84;
        }
        else
        {
            s.Y += 60;
        }

        s.Flow([new Run(p.SignerName ?? "", Bold: true)], x, width);
        if (!string.IsNullOrWhiteSpace(p.SignerNip))
        {
            s.Line("NIP " + p.SignerNip, body, x);
        }
    }

    private static void Tembusan(Sheet s, IReadOnlyList<string> cc)
    {
        if (cc.Count == 0)
        {
            return;
        }

        s.Gap(16);
        s.Line("Tembusan:", s.Font(Sheet.BodySize - 1), Sheet.Left);
        for (var i = 0; i < cc.Count; i++)
        {
            s.Flow([new Run(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {cc[i]}"))], Sheet.Left, Sheet.Width, size: Sheet.BodySize - 1);
        }
    }

    // The QR code as filled squares (vector: sharp at any resolution, and PDFsharp imports no 1-bit PNG).
    private static void DrawQr(XGraphics g, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        g.DrawRectangle(XBrushes.White, x, y, size, size);
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var col = 0; col < matrix[row].Count; col++)
            {
                if (matrix[row][col])
                {
                    g.DrawRectangle(XBrushes.Black, x + (col * module), y + (row * module), module + 0.05, module + 0.05);
                }
            }
        }
    }
}
