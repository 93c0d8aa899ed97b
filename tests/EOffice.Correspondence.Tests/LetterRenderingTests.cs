using EOffice.Correspondence.Documents;

namespace EOffice.Correspondence.Tests;

/// <summary>The layout of the official letter, checked with the tools a recipient uses.</summary>
public sealed class LetterRenderingTests
{
    private static LetterPaper Paper(string type = "Surat Dinas", bool draft = false, string security = "Biasa", string? body = null) => new()
    {
        LetterId = Guid.Parse("0193a3c2-0000-7000-8000-000000000001"),
        Type = type,
        Letterhead = new Letterhead(["PEMERINTAH KOTA DEPOK", "DINAS KOMUNIKASI DAN INFORMATIKA"], "Jl. Margonda Raya No. 54, Depok 16431",
            "(021) 7773000", "diskominfo@depok.go.id", "diskominfo.depok.go.id"),
        Place = "Depok",
        Date = draft ? null : new DateOnly(2026, 12, 2),
        Number = draft ? null : "000.1.2/7/DISKOMINFO/2026",
        Security = security,
        Urgency = "Segera",
        AttachmentCount = 2,
        Subject = "Undangan rapat koordinasi kota cerdas",
        To = ["Kepala Dinas Kependudukan dan Pencatatan Sipil"],
        Cc = ["Sekretaris Daerah Kota Depok", "Inspektur Kota Depok"],
        Body = body ?? "Dengan hormat, kami mengundang Bapak/Ibu pada rapat **kota cerdas** dan *SPBE*:\n\n1. Pembukaan\n2. Paparan\n\n- satu\n- dua\n\n| Hari | Tempat |\n|---|---|\n| Rabu | Balai Kota |\n",
        SignerTitle = "Plt. Kepala Bidang Aplikasi Informatika",
        SignerName = "Yusuf Maulana",
        SignerNip = "198001012005011001",
        VerifyUrl = draft ? null : "http://eoffice.test/verify/ABCDEFGHJKMN",
        Draft = draft,
        Timestamp = new DateTimeOffset(2026, 12, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("Surat Dinas")]
    [InlineData("Nota Dinas")]
    [InlineData("Surat Undangan")]
    [InlineData("Surat Edaran")]
    [InlineData("Surat Tugas")]
    [InlineData("Memo")]
    public async Task Each_type_shows_number_date_subject_addressee_signer_and_tembusan(string type)
    {
        var pdf = LetterRenderer.RenderBytes(Paper(type));
        var text = await PdfTools.WordsAsync(pdf);
        var qr = await PdfTools.QrCodesAsync(pdf);

        Assert.Contains("000.1.2/7/DISKOMINFO/2026", text);
        Assert.Contains("2 Desember 2026", text);
        Assert.Contains("DINAS KOMUNIKASI DAN INFORMATIKA", text);
        Assert.Contains("Undangan rapat koordinasi", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Kepala Dinas Kependudukan dan Pencatatan Sipil", text);
        Assert.Contains("Plt. Kepala Bidang Aplikasi Informatika", text);
        Assert.Contains("Yusuf Maulana", text);
        Assert.Contains("NIP 198001012005011001", text);
        Assert.Contains("Sekretaris Daerah Kota Depok", text);
        Assert.Contains("Ditandatangani secara elektronik oleh", text);
        Assert.Contains("kota cerdas", text);
        Assert.Contains("Balai Kota", text);
        Assert.Equal("http://eoffice.test/verify/ABCDEFGHJKMN", qr.Trim());
    }

    [Fact]
    public void Rendering_the_same_letter_twice_gives_the_same_bytes() =>
        Assert.Equal(LetterRenderer.RenderBytes(Paper()), LetterRenderer.RenderBytes(Paper()));

    [Fact]
    public async Task A_draft_is_watermarked_DRAF_and_has_no_number_or_QR_code()
    {
        var pdf = LetterRenderer.RenderBytes(Paper(draft: true));
        var text = await PdfTools.TextAsync(pdf);

        Assert.Contains("DRAF", text);
        Assert.DoesNotContain("/DISKOMINFO/", text);
        Assert.DoesNotContain("Ditandatangani secara elektronik", text);
        Assert.Equal("", (await PdfTools.QrCodesAsync(pdf)).Trim());
    }

    [Fact]
    public async Task A_secret_letter_carries_its_security_mark_and_page_numbers_on_every_page()
    {
        var longBody = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Paragraf {i}: " + string.Concat(Enumerable.Repeat("isi surat yang panjang ", 12))));
        var text = await PdfTools.TextAsync(LetterRenderer.RenderBytes(Paper(security: "Rahasia", body: longBody)));
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();

        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.Contains("RAHASIA", p));
        Assert.Matches(@"-\s*2\s*-", pages[1]);
    }

    [Fact]
    public async Task A_logo_PDFsharp_cannot_read_leaves_the_kop_without_it()
    {
        // QRCoder's PNGs are 1-bit, which PDFsharp 6.2 does not import.
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode("logo", QRCoder.QRCodeGenerator.ECCLevel.L);
        var paper = Paper() with { Letterhead = Paper().Letterhead with { Logo = new QRCoder.PngByteQRCode(data).GetGraphic(4) } };

        var text = await PdfTools.WordsAsync(LetterRenderer.RenderBytes(paper));

        Assert.Contains("DINAS KOMUNIKASI DAN INFORMATIKA", text);
    }
}
