using System.Net;
using Bunit;
using EOffice.Web.Pages;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>The archive screens: a record's holds and files, retention and disposal, the classification scheme.</summary>
public sealed class ArchiveScreensTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-0000000000a1");
    private static readonly Guid Other = Guid.Parse("0196f1d2-0000-7000-8000-0000000000a2");
    private static readonly Guid Unit = Guid.Parse("0196f1d2-0000-7000-8000-0000000000b1");
    private readonly Guid _record = Guid.CreateVersion7();
    private readonly Guid _held = Guid.CreateVersion7();
    private readonly Guid _review = Guid.CreateVersion7();
    private readonly Guid _proposal = Guid.CreateVersion7();

    public ArchiveScreensTests()
    {
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Agus Salim","nip":"1","positionId":null,"unitId":"{{Unit}}","roles":["staff","archivist"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/org/units", HttpStatusCode.OK, "[]")
            .On(HttpMethod.Get, "/api/org/users/" + Me, HttpStatusCode.OK, $$"""{"id":"{{Me}}","name":"Agus Salim","nip":"199001302014031002"}""")
            .On(HttpMethod.Get, "/api/org/users/" + Other, HttpStatusCode.OK, $$"""{"id":"{{Other}}","name":"Ratna Wulandari","nip":"197809252003122002"}""")
            .On(HttpMethod.Get, "/api/classifications", HttpStatusCode.OK,
                """
                [{"code":"000","title":"Umum","activeYears":2,"inactiveYears":5,"finalDisposition":"Destroy",
                  "effective":{"activeYears":2,"inactiveYears":5,"finalDisposition":"Destroy"},
                  "children":[{"code":"000.1","title":"Ketatausahaan dan Kerumahtanggaan","activeYears":null,"inactiveYears":null,"finalDisposition":null,
                    "effective":{"activeYears":2,"inactiveYears":5,"finalDisposition":"Destroy"},"children":[]}]},
                 {"code":"800","title":"Kepegawaian","activeYears":3,"inactiveYears":10,"finalDisposition":"Permanent",
                  "effective":{"activeYears":3,"inactiveYears":10,"finalDisposition":"Permanent"},"children":[]}]
                """)
            .On(HttpMethod.Get, $"/api/records/{_record}", HttpStatusCode.OK, Record(_record, "Laporan pengadaan komputer", "Active", "Destroy"))
            .On(HttpMethod.Get, $"/api/records/{_record}/holds", HttpStatusCode.OK, "[]");
    }

    private static string Record(Guid id, string subject, string state, string disposition, bool hold = false) =>
        $$"""
        {"id":"{{id}}","letterId":"{{Guid.CreateVersion7()}}","direction":"Outgoing","number":"000.1/{{id.ToString()[..4]}}/DISKOMINFO/2026","type":"Surat Dinas",
         "subject":"{{subject}}","summary":null,"unitId":"{{Unit}}","classificationCode":"000.1","security":"Biasa","date":"2014-03-01",
         "state":"{{state}}","activeUntil":"2016-12-31","inactiveUntil":"2021-12-31","finalDisposition":"{{disposition}}","hold":{{(hold ? "true" : "false")}},
         "holdReason":{{(hold ? "\"Perkara 7/Pdt/2026\"" : "null")}},"fileId":null,"destroyedAt":null,"rank":null}
        """;

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Host<T>(Guid? id = null)
        where T : Microsoft.AspNetCore.Components.IComponent => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
        b.OpenComponent<T>(2);
        if (id is { } i)
        {
            b.AddAttribute(3, "Id", i);
        }

        b.CloseComponent();
    });

    [Fact]
    public void The_record_shows_its_retention_and_a_hold_without_a_reason_is_refused_at_the_field()
    {
        Api.On(HttpMethod.Post, $"/api/records/{_record}/hold", HttpStatusCode.BadRequest,
            """{"status":400,"title":"Bad Request","errors":{"reason":["Tuliskan alasan penahanan (mis. perkara yang memerlukan arsip ini sebagai bukti)."]}}""",
            "application/problem+json");
        var host = Host<RecordPage>(id: _record);
        host.WaitForAssertion(() => Assert.Contains("Laporan pengadaan komputer", host.Markup, StringComparison.Ordinal));

        var retention = host.Find("#record-retention").TextContent;
        Assert.Contains("Aktif sampai", retention, StringComparison.Ordinal);
        Assert.Contains("31 Desember 2016", retention, StringComparison.Ordinal);
        Assert.Contains("31 Desember 2021", retention, StringComparison.Ordinal);
        Assert.Contains("Musnah", retention, StringComparison.Ordinal);
        Assert.Contains("Tidak sedang ditahan", host.Find("#record-holds").TextContent, StringComparison.Ordinal);

        host.WaitForAssertion(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Tahan arsip").Click());
        host.WaitForElement(".mud-dialog");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        host.WaitForAssertion(() =>
        {
            var field = host.FindAll(".mud-dialog .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Alasan");
            Assert.Contains("Tuliskan alasan penahanan", field.TextContent, StringComparison.Ordinal);
        });
        Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Post && r.Request.RequestUri!.AbsolutePath.EndsWith("/hold", StringComparison.Ordinal));
    }

    [Fact]
    public void A_held_record_shows_the_reason_and_its_history_and_is_lifted_with_a_reason()
    {
        Api.On(HttpMethod.Get, $"/api/records/{_held}", HttpStatusCode.OK, Record(_held, "Bukti perkara", "Active", "Destroy", hold: true))
            .On(HttpMethod.Get, $"/api/records/{_held}/holds", HttpStatusCode.OK,
                $$"""[{"action":"Placed","reason":"Perkara 7/Pdt/2026","byUserId":"{{Me}}","byName":"Agus Salim","at":"2026-12-01T03:00:00Z"}]""")
            .On(HttpMethod.Delete, $"/api/records/{_held}/hold", HttpStatusCode.OK, Record(_held, "Bukti perkara", "Active", "Destroy"));
        var host = Host<RecordPage>(id: _held);
        host.WaitForAssertion(() => Assert.Contains("Ditahan: Perkara 7/Pdt/2026", host.Find("#hold-current").TextContent, StringComparison.Ordinal));
        Assert.Contains("oleh Agus Salim", host.Find("#record-holds").TextContent, StringComparison.Ordinal);

        host.FindAll("button").Single(b => b.TextContent.Trim() == "Cabut penahanan").Click();
        host.WaitForElement(".mud-dialog");
        host.Find(".mud-dialog textarea").Input("Perkara selesai");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        host.WaitForAssertion(() => Assert.Contains(Api.Received,
            r => r.Request.Method == HttpMethod.Delete && r.Request.RequestUri!.Query == "?reason=Perkara%20selesai"));
    }

    [Fact]
    public void Retention_lists_due_records_blocks_held_and_review_ones_and_shows_why_the_proposer_cannot_approve()
    {
        var due = string.Join(",", Record(_record, "Undangan rapat lama", "DueForDisposal", "Destroy"),
            Record(_held, "Bukti perkara", "DueForDisposal", "Destroy", hold: true), Record(_review, "Nota dinas", "DueForDisposal", "Review"));
        Api.On(HttpMethod.Get, "/api/retention/due", HttpStatusCode.OK, "{\"items\":[" + due + "],\"next\":null}")
            .On(HttpMethod.Get, "/api/disposal-proposals", HttpStatusCode.OK,
                $$"""
                {"items":[{"id":"{{_proposal}}","unitId":"{{Unit}}","status":"Proposed","legalBasis":"UU 43/2009","proposedBy":"{{Me}}","proposedAt":"2026-12-01T03:00:00Z",
                  "approvedBy":null,"approvedAt":null,"recordCount":1},
                  {"id":"{{Guid.CreateVersion7()}}","unitId":"{{Unit}}","status":"Approved","legalBasis":"UU 43/2009","proposedBy":"{{Other}}","proposedAt":"2026-11-01T03:00:00Z",
                  "approvedBy":"{{Me}}","approvedAt":"2026-11-02T03:00:00Z","recordCount":2}],"next":null}
                """)
            .On(HttpMethod.Post, "/api/disposal-proposals", HttpStatusCode.Created,
                $$"""{"id":"{{Guid.CreateVersion7()}}","status":"Proposed","legalBasis":"x","proposedBy":"{{Me}}","proposedAt":"2026-12-02T03:00:00Z","approvedBy":null,"approvedAt":null,"minutes":null,"recordIds":["{{_record}}"]}""")
            .On(HttpMethod.Post, $"/api/disposal-proposals/{_proposal}/approve", HttpStatusCode.Forbidden,
                """{"status":403,"title":"Forbidden","detail":"Arsiparis yang mengusulkan penyusutan tidak boleh menyetujuinya sendiri; persetujuan harus oleh arsiparis lain di instansi ini."}""",
                "application/problem+json");
        var host = Host<Retention>();
        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll(".eo-due").Count));

        var boxes = host.FindAll(".eo-due input[type=checkbox]");
        Assert.False(boxes[0].HasAttribute("disabled"));
        Assert.True(boxes[1].HasAttribute("disabled"));
        Assert.True(boxes[2].HasAttribute("disabled"));
        Assert.Contains("Cabut penahanan sebelum diusulkan", host.FindAll(".eo-due")[1].TextContent, StringComparison.Ordinal);
        host.WaitForAssertion(() => Assert.Contains("Agus Salim (Anda)", host.Find("#retention-proposals").TextContent, StringComparison.Ordinal));
        Assert.Contains("Diusulkan", host.Find("[data-status=Proposed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Berita acara", host.Find("[data-status=Approved]").TextContent, StringComparison.Ordinal);

        host.FindAll(".eo-due input[type=checkbox]")[0].Change(true);
        host.WaitForAssertion(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Usulkan penyusutan (1)").Click());
        host.WaitForAssertion(() => Assert.Contains("Usulan penyusutan 1 arsip dibuat", host.Markup, StringComparison.Ordinal));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Post && r.Request.RequestUri!.AbsolutePath == "/api/disposal-proposals").Body;
        Assert.Contains(_record.ToString(), body, StringComparison.Ordinal);

        host.Find("[data-status=Proposed]").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Setujui").Click();
        host.WaitForAssertion(() => Assert.Contains("tidak boleh menyetujuinya sendiri", host.Find("#retention-problem").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_minutes_print_with_Indonesian_labels_and_both_archivists()
    {
        Api.On(HttpMethod.Get, $"/api/disposal-proposals/{_proposal}", HttpStatusCode.OK,
            $$"""
            {"id":"{{_proposal}}","status":"Approved","legalBasis":"UU 43/2009 tentang Kearsipan","proposedBy":"{{Other}}","proposedAt":"2026-11-01T03:00:00Z",
             "approvedBy":"{{Me}}","approvedAt":"2026-11-02T03:00:00Z","minutes":"BERITA ACARA PENYUSUTAN ARSIP\n1. 000.1/1/DISKOMINFO/2026: dimusnahkan","recordIds":["{{_record}}"]}
            """);
        var host = Host<DisposalMinutes>(id: _proposal);

        host.WaitForAssertion(() => Assert.Contains("Laporan pengadaan komputer", host.Find("#disposal-minutes").TextContent, StringComparison.Ordinal));
        var sheet = host.Find("#disposal-minutes").TextContent;
        Assert.Contains("BERITA ACARA PENYUSUTAN ARSIP", sheet, StringComparison.Ordinal);
        Assert.Contains("Dasar hukum", sheet, StringComparison.Ordinal);
        Assert.Contains("Ratna Wulandari (NIP 197809252003122002)", sheet, StringComparison.Ordinal);
        Assert.Contains("Agus Salim (NIP 199001302014031002)", sheet, StringComparison.Ordinal);
        Assert.Contains("Yang menyetujui", sheet, StringComparison.Ordinal);
        Assert.Contains(host.FindAll("button"), b => b.TextContent.Trim() == "Cetak");
    }

    [Fact]
    public void The_classification_tree_expands_searches_shows_inherited_rules_and_edits_a_code()
    {
        Api.On(HttpMethod.Put, "/api/classifications/000.1", HttpStatusCode.BadRequest,
            """{"status":400,"title":"Bad Request","errors":{"finalDisposition":["Isi masa aktif, masa inaktif dan nasib akhir bersama-sama, atau kosongkan ketiganya untuk mengikuti aturan induk."]}}""",
            "application/problem+json");
        var host = Host<Classifications>();
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("#classification-tree > li").Count));
        Assert.Empty(host.FindAll("[data-code='000.1']"));
        Assert.Contains("Aktif 3 th · Inaktif 10 th · Permanen", host.Find("[data-code='800']").TextContent, StringComparison.Ordinal);

        host.Find("button[aria-label='Buka 000']").Click();
        Assert.Contains("(ikut induk)", host.Find("[data-code='000.1']").TextContent, StringComparison.Ordinal);

        host.Find("#classification-q").Input("ketatausahaan");
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-code='800']")));
        Assert.Single(host.FindAll("[data-code='000.1']"));

        host.Find("button[aria-label='Ubah 000.1']").Click();
        host.WaitForElement(".mud-dialog");
        host.FindAll(".mud-dialog .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Masa aktif (tahun)").QuerySelector("input")!.Change("4");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        host.WaitForAssertion(() =>
            Assert.Contains("Isi masa aktif, masa inaktif", host.FindAll(".mud-dialog .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Nasib akhir").TextContent,
                StringComparison.Ordinal));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Put).Body;
        Assert.Contains("\"activeYears\":4", body, StringComparison.Ordinal);
        Assert.Contains("\"parentCode\":\"000\"", body, StringComparison.Ordinal);
    }
}
