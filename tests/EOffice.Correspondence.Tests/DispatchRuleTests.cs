using EOffice.Correspondence.Dispatch;
using EOffice.Correspondence.Documents;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Tests;

/// <summary>The invitation's event and the choice of e-mail or paper, as plain rules; the event and an external address on paper.</summary>
public sealed class DispatchRuleTests
{
    [Theory]
    [InlineData("Biasa", "tu@bssn.example", true, "email")]
    [InlineData("Terbatas", "tu@bssn.example", true, "email")]
    [InlineData("Rahasia", "tu@bssn.example", true, "paper")]
    [InlineData("SangatRahasia", "tu@bssn.example", true, "paper")]
    [InlineData("Biasa", null, true, "paper")]
    [InlineData("Biasa", "  ", true, "paper")]
    [InlineData("Biasa", "tu@bssn.example", false, "paper")]
    public void A_letter_is_emailed_only_to_an_address_when_email_is_on_and_the_letter_is_not_secret(string security, string? email, bool enabled, string method) =>
        Assert.Equal(method, DispatchRules.Method(email, security, enabled));

    [Fact]
    public void An_unknown_list_state_is_refused_on_state()
    {
        var e = Assert.Throws<ProblemException>(() => DispatchRules.StoredState("lost"));
        Assert.True(e.Errors!.ContainsKey("state"));
        Assert.Equal("sent", DispatchRules.StoredState("emailed"));
        Assert.Equal("pending", DispatchRules.StoredState(null));
    }

    [Fact]
    public void The_event_is_stored_with_times_as_HH_mm_and_printed_as_an_invitation_writes_it()
    {
        var errors = new FieldErrors();
        var e = EventRules.Check(errors, "Surat Undangan", new LetterEvent(new DateOnly(2026, 12, 2), "9.00", "11:30", " Aula Balai Kota ", null));

        Assert.False(errors.Any);
        Assert.Equal(new LetterEvent(new DateOnly(2026, 12, 2), "09:00", "11:30", "Aula Balai Kota", null), e);
        Assert.Equal(
            ["hari, tanggal: Rabu, 2 Desember 2026", "pukul: 09.00 s.d. 11.30 WIB", "tempat: Aula Balai Kota"],
            EventRules.Lines(e!).Select(l => $"{l.Key}: {l.Value}"));
        Assert.Equal("09.00 WIB s.d. selesai", EventRules.Lines(e! with { EndTime = null })[1].Value);
    }

    [Fact]
    public void Only_a_Surat_Undangan_carries_an_event()
    {
        var errors = new FieldErrors();
        EventRules.Check(errors, "Surat Dinas", new LetterEvent(new DateOnly(2026, 12, 2), "09:00", null, "Aula", null));
        Assert.True(errors.Any);
        var none = new FieldErrors();
        Assert.Null(EventRules.Check(none, "Surat Dinas", null));
        Assert.False(none.Any);
    }

    [Fact]
    public async Task The_invitation_prints_its_event_and_an_external_addressee_its_address()
    {
        var paper = new LetterPaper
        {
            LetterId = Guid.Parse("0193a3c2-0000-7000-8000-000000000002"),
            Type = "Surat Undangan",
            Letterhead = new Letterhead(["PEMERINTAH KOTA DEPOK", "DINAS KOMUNIKASI DAN INFORMATIKA"], "Jl. Margonda Raya No. 54, Depok 16431"),
            Place = "Depok",
            Date = new DateOnly(2026, 12, 2),
            Number = "000.1.2/8/DISKOMINFO/2026",
            Security = "Biasa",
            Urgency = "Biasa",
            Subject = "Undangan rapat koordinasi",
            To = ["Kepala Badan Siber dan Sandi Negara\nJl. Harsono RM No. 70, Jakarta Selatan"],
            Body = "Dengan hormat, kami mengundang Bapak/Ibu pada:",
            Event = EventRules.Lines(new LetterEvent(new DateOnly(2026, 12, 9), "09:00", null, "Ruang Rapat Balai Kota", "Koordinasi kota cerdas")),
            SignerTitle = "Kepala Dinas Komunikasi dan Informatika",
            SignerName = "Yusuf Maulana",
            VerifyUrl = "http://eoffice.test/verify/ABCDEFGHJKMN",
            Timestamp = new DateTimeOffset(2026, 12, 2, 3, 4, 5, TimeSpan.Zero),
        };

        var text = await PdfTools.WordsAsync(LetterRenderer.RenderBytes(paper));

        Assert.Contains("Yth. Kepala Badan Siber dan Sandi Negara Jl. Harsono RM No. 70, Jakarta Selatan", text);
        Assert.Contains("hari, tanggal : Rabu, 9 Desember 2026 pukul : 09.00 WIB s.d. selesai tempat : Ruang Rapat Balai Kota acara : Koordinasi kota cerdas", text);
    }
}
