using System.Net;
using Bunit;
using EOffice.Web.Pages;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>The reports page (/laporan): charts, the disposition table with its drill-down, the agenda book, and who sees what.</summary>
public sealed class ReportsPageTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000002");
    private static readonly Guid Unit = Guid.Parse("0196f1d2-0000-7000-8000-0000000000a1");
    private static readonly Guid Overdue = Guid.Parse("0196f1d2-0000-7000-8000-0000000000d1");

    private const string Forbidden = """{"status":403,"title":"Forbidden","detail":"Laporan hanya untuk kepala unit.","code":"forbidden"}""";

    private static readonly string Letters = $$"""
        {"from":"2026-01-01","to":"2026-12-31","unitId":null,"total":7,
         "byType":[{"key":"Surat Dinas","count":5},{"key":"Nota Dinas","count":2}],
         "byDirection":[{"key":"Incoming","count":4},{"key":"Internal","count":3}],
         "bySecurity":[{"key":"Biasa","count":6},{"key":"SangatRahasia","count":1}],
         "byUnit":[{"unitId":"{{Unit}}","code":"DISKOMINFO","name":"Dinas Komunikasi dan Informatika","count":7}],
         "byMonth":[{"key":"2026-01","count":0},{"key":"2026-02","count":7}]}
        """;

    private static readonly string Dispositions = $$"""
        {"from":"2026-01-01","to":"2026-12-31","unitId":null,
         "total":{"unitId":null,"code":null,"name":null,"open":3,"completed":4,"overdue":2,"completedLate":1,"medianHours":5.5},
         "units":[{"unitId":"{{Unit}}","code":"DISKOMINFO","name":"Dinas Komunikasi dan Informatika","open":3,"completed":4,"overdue":2,"completedLate":1,"medianHours":5.5}],
         "overdue":[{"id":"{{Overdue}}","letterId":"{{Guid.NewGuid()}}","agendaNumber":"AG/9","number":"N/9","subject":"Permohonan data SPBE","security":"Biasa",
           "toPositionId":"{{Guid.NewGuid()}}","toTitle":"Kepala Bidang Aplikasi Informatika","toHolder":"Yusuf Maulana","unitId":"{{Unit}}","unitName":"Aptika",
           "status":"Open","createdAt":"2026-02-01T01:00:00Z","dueAt":"2026-02-02T01:00:00Z","hoursOverdue":26.5}]}
        """;

    private static readonly string Agenda = $$"""
        {"from":"2026-01-01","to":"2026-12-31","unitId":null,"total":2,"entries":[
          {"letterId":"{{Guid.NewGuid()}}","agendaNumber":"000/1/DISKOMINFO/2026","receivedAt":"2026-02-03T02:00:00Z","senderInstitution":"Kementerian Dalam Negeri",
           "senderNumber":"000.1/77/SJ","senderDate":"2026-02-01","subject":"Undangan rapat SPBE","subjectHidden":false,"security":"Biasa","urgency":"Biasa",
           "type":"Surat Dinas","addressedTo":"Kepala Dinas Komunikasi dan Informatika","unit":"Diskominfo","read":true,"disposed":true,"status":"Didisposisikan"},
          {"letterId":"{{Guid.NewGuid()}}","agendaNumber":"000/2/DISKOMINFO/2026","receivedAt":"2026-02-04T02:00:00Z","senderInstitution":"Kejaksaan Negeri Depok",
           "senderNumber":"R-1/2026","senderDate":"2026-02-02","subject":null,"subjectHidden":true,"security":"SangatRahasia","urgency":"Segera",
           "type":"Surat Dinas","addressedTo":"Kepala Seksi Pengembangan Aplikasi","unit":"Seksi PA","read":false,"disposed":false,"status":"Belum dibaca"}]}
        """;

    private void SignedIn(string role) =>
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Hendra","nip":"1","positionId":null,"roles":["{{role}}"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/org/units", HttpStatusCode.OK,
                $$"""[{"id":"{{Unit}}","code":"DISKOMINFO","name":"Dinas Komunikasi dan Informatika","parentId":null,"children":[]}]""");

    private IRenderedComponent<Reports> Open()
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Reports>(1);
            b.CloseComponent();
        });
        return host.FindComponent<Reports>();
    }

    [Fact]
    public void A_head_sees_the_letter_charts_the_disposition_table_with_overdue_drill_down_and_the_agenda_book()
    {
        SignedIn("staff");
        Api.On(HttpMethod.Get, "/api/reports/letters", HttpStatusCode.OK, Letters)
            .On(HttpMethod.Get, "/api/reports/dispositions", HttpStatusCode.OK, Dispositions)
            .On(HttpMethod.Get, "/api/reports/agenda", HttpStatusCode.OK, Agenda);

        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("7 surat resmi", page.Find("#letters-total").TextContent, StringComparison.Ordinal));
        var query = Api.Received.First(r => r.Request.RequestUri!.AbsolutePath == "/api/reports/letters").Request.RequestUri!.Query;
        Assert.Matches(@"from=\d{4}-01-01&to=\d{4}-12-31", query);
        Assert.Contains("Surat internal (antarunit)", page.Find("#letters-by-direction").TextContent, StringComparison.Ordinal);
        Assert.Contains("Sangat Rahasia", page.Find("#letters-by-security").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("#letters-by-month tr").Count);
        Assert.Contains("5,5 jam", page.Find("#dispositions-table").TextContent, StringComparison.Ordinal);
        Assert.Contains("Kementerian Dalam Negeri", page.Find("#agenda-table").TextContent, StringComparison.Ordinal);
        Assert.Contains("(dirahasiakan — Sangat Rahasia)", page.Find("#agenda-table").TextContent, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Unduh CSV");
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Unduh XLSX");

        page.FindAll("button").Single(b => b.TextContent.Contains("Lihat disposisi terlambat", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Equal($"/disposisi/{Overdue}", page.Find("#overdue-list a").GetAttribute("href")));
        Assert.Contains("overdue=true", Api.Received.Last(r => r.Request.RequestUri!.AbsolutePath == "/api/reports/dispositions").Request.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("Permohonan data SPBE", page.Find("#overdue-list").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_without_report_rights_get_a_friendly_explanation()
    {
        SignedIn("staff");
        Api.On(HttpMethod.Get, "/api/reports/letters", HttpStatusCode.Forbidden, Forbidden, "application/problem+json");

        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("Laporan tersedia untuk kepala unit", page.Find("#reports-forbidden").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Unduh CSV", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_sees_counts_and_is_told_the_agenda_book_is_for_heads_and_the_secretariat()
    {
        SignedIn("admin");
        Api.On(HttpMethod.Get, "/api/reports/letters", HttpStatusCode.OK, Letters)
            .On(HttpMethod.Get, "/api/reports/dispositions", HttpStatusCode.OK, Dispositions)
            .On(HttpMethod.Get, "/api/reports/agenda", HttpStatusCode.Forbidden, Forbidden, "application/problem+json");

        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("Admin melihat jumlahnya saja", page.Markup, StringComparison.Ordinal));
        Assert.Contains("7 surat resmi", page.Find("#letters-total").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Lihat disposisi terlambat", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Unduh XLSX", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_is_shown_at_its_field()
    {
        SignedIn("staff");
        Api.On(HttpMethod.Get, "/api/reports/letters", HttpStatusCode.BadRequest,
            """{"status":400,"title":"One or more fields are invalid.","errors":{"to":["Tanggal akhir tidak boleh sebelum tanggal awal."]}}""", "application/problem+json");

        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("Tanggal akhir tidak boleh sebelum tanggal awal.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Periksa kembali isian yang ditandai.", page.Markup, StringComparison.Ordinal);
    }
}
