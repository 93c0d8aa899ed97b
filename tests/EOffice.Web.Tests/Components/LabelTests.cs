using EOffice.ServiceDefaults.Text;
using EOffice.Web.Services;

namespace EOffice.Web.Tests.Components;

public sealed class LabelTests
{
    [Theory]
    [InlineData("Draft", "Konsep")]
    [InlineData("InReview", "Verifikasi")]
    [InlineData("Signed", "Ditandatangani")]
    [InlineData("Sent", "Terkirim")]
    [InlineData("Received", "Diterima")]
    public void Letter_statuses_are_in_Indonesian(string status, string expected) => Assert.Equal(expected, Indonesian.LetterStatus(status));

    [Fact]
    public void Dates_and_times_are_written_the_Indonesian_way()
    {
        var at = new DateTimeOffset(2026, 12, 2, 7, 30, 0, TimeSpan.Zero);
        Assert.Equal("2 Desember 2026", Indonesian.Date(at));
        Assert.Equal("2 Desember 2026 14.30 WIB", Indonesian.DateTime(at));
        Assert.Equal("Sangat Segera", Indonesian.Urgency("SangatSegera"));
    }

    [Fact]
    public void Markdown_escapes_raw_html_and_keeps_only_safe_links()
    {
        var html = MarkdownText.ToHtml("<script>alert(1)</script>\n\n[baik](https://kota.go.id) [jahat](javascript:alert(1)) [surel](mailto:a@kota.go.id)");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://kota.go.id\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:a@kota.go.id\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("jahat", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_errors_include_sub_fields_and_are_translated()
    {
        var p = new Problem(400, "Bad Request", null, "validation", new()
        {
            ["to[0]"] = ["Exactly one of positionId, unitId or external."],
            ["subject"] = ["Required."],
        });
        Assert.Equal("Wajib diisi.", p.For("subject"));
        Assert.Equal("Exactly one of positionId, unitId or external.", p.For("to"));
        Assert.Null(p.For("cc"));
        Assert.Empty(p.Others("subject", "to"));
        Assert.Equal("Periksa kembali isian yang ditandai.", p.Message);
        Assert.Equal("Naskah diubah orang lain — muat ulang.", new Problem(412, null, null, null, null).Message);
    }

    [Fact]
    public void Default_due_dates_follow_the_urgency_as_the_Disposition_service_does()
    {
        var wednesday = new DateTimeOffset(2026, 12, 2, 7, 30, 0, TimeSpan.Zero); // 14.30 WIB
        Assert.Equal("2 Desember 2026 23.59 WIB", Indonesian.DateTime(Labels.DefaultDue("SangatSegera", wednesday)));
        Assert.Equal(wednesday.AddHours(24), Labels.DefaultDue("Segera", wednesday));
        Assert.Equal("9 Desember 2026 23.59 WIB", Indonesian.DateTime(Labels.DefaultDue("Biasa", wednesday)));
        var parent = wednesday.AddHours(3);
        Assert.Equal(parent, Labels.DefaultDue("Biasa", wednesday, parent));
    }

    [Fact]
    public void Search_words_are_marked_and_the_rest_stays_encoded()
    {
        Assert.Equal("Rapat <mark>anggaran</mark> &amp; <mark>800</mark>.1", Labels.Highlight("Rapat anggaran & 800.1", "anggaran 800"));
        Assert.Equal("&lt;b&gt;amp&lt;/b&gt;", Labels.Highlight("<b>amp</b>", "of"));
        Assert.Equal("&lt;b&gt;<mark>amp</mark>&lt;/b&gt;", Labels.Highlight("<b>amp</b>", "amp"));
    }
}
