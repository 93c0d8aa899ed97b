using System.IO.Compression;
using System.Text;
using EOffice.ServiceDefaults.Files;

namespace EOffice.Correspondence.Tests;

/// <summary>The upload rules as plain code: names, extensions and zip sniffing that never inflates a whole entry.</summary>
public sealed class AttachmentRuleTests
{
    private const int SixtyFourMegabytes = 64 * 1024 * 1024;

    /// <summary>A zip whose entries are written by the callbacks (so a 64 MB entry never sits in memory).</summary>
    public static byte[] Zip(params (string Name, Action<Stream> Write)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                write(stream);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the text, then pads it with spaces up to 64 MB.</summary>
    public static Action<Stream> Bomb(string start) => stream =>
    {
        var head = Encoding.ASCII.GetBytes(start);
        stream.Write(head);
        var spaces = new byte[1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        for (var written = head.Length; written < SixtyFourMegabytes; written += spaces.Length)
        {
            stream.Write(spaces, 0, Math.Min(spaces.Length, SixtyFourMegabytes - written));
        }
    };

    public static Action<Stream> Text(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>""";

    [Theory]
    [InlineData("laporan\u202Efdp.exe")]
    [InlineData("laporan\u202Dfdp.pdf")]
    [InlineData("lap\u2066oran.pdf")]
    [InlineData("laporan\u200F.pdf")]
    [InlineData("lapor\u0000an.pdf")]
    [InlineData("laporan\n.pdf")]
    [InlineData("laporan\u0085.pdf")]
    public void Names_with_control_or_text_direction_characters_are_disguising(string name) =>
        Assert.True(AttachmentNames.HasDisguisingCharacters(name));

    [Theory]
    [InlineData("laporan.pdf")]
    [InlineData("Laporan Kinerja 2026 (final).docx")]
    [InlineData("تقرير.pdf")]
    public void Ordinary_names_are_not_disguising(string name) => Assert.False(AttachmentNames.HasDisguisingCharacters(name));

    [Theory]
    [InlineData("lap\u200Boran.pdf", "laporan.pdf")]
    [InlineData("\uFEFFlaporan.pdf", "laporan.pdf")]
    [InlineData("la\u00ADpo\u2060ran.pdf", "laporan.pdf")]
    [InlineData("C:\\Users\\budi\\laporan.pdf", "laporan.pdf")]
    [InlineData("../../etc/laporan.pdf", "laporan.pdf")]
    [InlineData("laporan\u202Efdp.exe", "laporanfdp.exe")]
    [InlineData("  laporan.pdf  ", "laporan.pdf")]
    [InlineData("\u200B\u200C", "")]
    [InlineData("   ", "")]
    public void Stored_names_lose_invisible_characters_and_paths(string name, string stored) =>
        Assert.Equal(stored, AttachmentNames.Clean(name));

    [Fact]
    public void A_long_name_keeps_its_end_and_so_its_extension()
    {
        var clean = AttachmentNames.Clean(new string('a', 300) + ".pdf");
        Assert.Equal(AttachmentNames.MaxLength, clean.Length);
        Assert.EndsWith(".pdf", clean, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("laporan.pdf", true)]
    [InlineData("LAPORAN.PDF", true)]
    [InlineData("scan.jpeg", true)]
    [InlineData("laporan.exe", false)]
    [InlineData("laporan.html", false)]
    [InlineData("gambar.svg", false)]
    [InlineData("laporan.pdf.exe", false)]
    [InlineData("laporan", false)]
    [InlineData("laporan.", false)]
    public void Only_allowed_extensions_pass(string name, bool allowed) => Assert.Equal(allowed, FileTypes.HasAllowedExtension(name));

    [Fact]
    public void A_mimetype_entry_inflating_to_64_mb_is_sniffed_from_a_bounded_prefix_and_refused()
    {
        var bomb = Zip(("mimetype", Bomb(FileTypes.Odt)));
        using var content = new CountingStream(bomb);

        Assert.Null(FileTypes.Detect(content));
        // Inflating the entry whole would need every compressed byte of it.
        Assert.True(content.BytesRead < bomb.Length / 2, $"read {content.BytesRead} of {bomb.Length} bytes: the entry was inflated far beyond the prefix");
        Assert.Equal(0, content.Position);
    }

    [Fact]
    public void A_docx_whose_content_types_inflate_to_64_mb_is_recognised_from_a_bounded_prefix()
    {
        var docx = Zip(("[Content_Types].xml", Bomb(ContentTypes[..^"</Types>".Length])), ("word/document.xml", Text("<w:document/>")));
        using var content = new CountingStream(docx);

        Assert.Equal(FileTypes.Docx, FileTypes.Detect(content));
        Assert.True(content.BytesRead < docx.Length / 2, $"read {content.BytesRead} of {docx.Length} bytes: the entry was inflated far beyond the prefix");
    }

    [Fact]
    public void Real_office_shapes_are_still_recognised()
    {
        Assert.Equal(FileTypes.Odt, FileTypes.Detect(new MemoryStream(Zip(("mimetype", Text(FileTypes.Odt)), ("content.xml", Text("<office:document-content/>"))))));
        Assert.Equal(FileTypes.Docx, FileTypes.Detect(new MemoryStream(Zip(("[Content_Types].xml", Text(ContentTypes)), ("word/document.xml", Text("<w:document/>"))))));
        Assert.Equal(FileTypes.Xlsx, FileTypes.Detect(new MemoryStream(Zip(("[Content_Types].xml", Text(ContentTypes)), ("xl/workbook.xml", Text("<workbook/>"))))));
        Assert.Null(FileTypes.Detect(new MemoryStream(Zip(("[Content_Types].xml", Text("not xml at all")), ("word/document.xml", Text("<w:document/>"))))));
    }

    [Fact]
    public void A_zip_of_too_many_entries_is_not_an_office_file()
    {
        var entries = Enumerable.Range(0, 10_001).Select(i => ($"part{i}.xml", Text(""))).Prepend(("[Content_Types].xml", Text(ContentTypes)))
            .Append(("word/document.xml", Text("<w:document/>"))).ToArray();
        Assert.Null(FileTypes.Detect(new MemoryStream(Zip(entries))));
    }

    /// <summary>A read-only seekable stream that counts the bytes handed out.</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = base.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override int ReadByte()
        {
            var n = base.ReadByte();
            BytesRead += n < 0 ? 0 : 1;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
