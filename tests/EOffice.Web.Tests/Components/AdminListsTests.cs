using System.Net;
using System.Text.Json;
using Bunit;
using EOffice.Web.Pages.Admin;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>The admin reference lists and webhooks, and the delegations screen.</summary>
public sealed class AdminListsTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private static readonly Guid MyPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000010");
    private static readonly Guid Hook = Guid.Parse("0196f1d2-0000-7000-8000-0000000000a1");
    private IRenderedComponent<Bunit.Rendering.ContainerFragment>? _host;

    public AdminListsTests() =>
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Admin","nip":"1","positionId":"{{MyPosition}}","roles":["staff","admin"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/auth/me", HttpStatusCode.OK,
                $$"""{"id":"{{Me}}","name":"Admin","nip":"1","positionId":"{{MyPosition}}","roles":["staff","admin"],"acting":[]}""");

    private IRenderedComponent<T> Open<T>()
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<T>(2);
            b.CloseComponent();
        });
        _host = host;
        return host.FindComponent<T>();
    }

    private void Webhooks(HttpStatusCode createStatus, string createAnswer) =>
        Api.On(HttpMethod.Get, "/api/webhooks/events", HttpStatusCode.OK, """{"items":["eoffice.letter-read","eoffice.letter-signed"],"next":null}""")
            .On(HttpMethod.Get, "/api/webhooks", HttpStatusCode.OK,
                $$"""{"items":[{"id":"{{Hook}}","url":"https://arsip.kota.go.id/hook","events":["eoffice.letter-signed"],"active":true,"createdAt":"2026-12-01T03:00:00Z"}],"next":null}""")
            .On(HttpMethod.Post, "/api/webhooks", createStatus, createAnswer, createStatus == HttpStatusCode.Created ? "application/json" : "application/problem+json")
            .On(HttpMethod.Get, $"/api/webhooks/{Hook}/deliveries", HttpStatusCode.OK, $$"""
                {"items":[
                  {"id":"{{Guid.CreateVersion7()}}","event":"eoffice.letter-signed","messageId":"{{Guid.CreateVersion7()}}","status":"Pending","attempts":2,
                   "lastStatusCode":503,"lastError":null,"createdAt":"2026-12-02T03:00:00Z","deliveredAt":null,"nextAttemptAt":"2026-12-02T03:05:00Z",
                   "log":[{"at":"2026-12-02T03:00:00Z","statusCode":503,"error":null,"durationMs":12},{"at":"2026-12-02T03:01:00Z","statusCode":503,"error":null,"durationMs":9}]},
                  {"id":"{{Guid.CreateVersion7()}}","event":"eoffice.letter-signed","messageId":"{{Guid.CreateVersion7()}}","status":"Succeeded","attempts":1,
                   "lastStatusCode":200,"lastError":null,"createdAt":"2026-12-01T03:00:00Z","deliveredAt":"2026-12-01T03:00:01Z","nextAttemptAt":null,"log":[]}
                ],"next":null}
                """);

    [Fact]
    public async Task A_new_webhooks_secret_is_shown_once_it_is_the_one_sent_and_is_gone_when_the_page_opens_again()
    {
        Webhooks(HttpStatusCode.Created, $$"""{"id":"{{Guid.CreateVersion7()}}","url":"https://lain.kota.go.id/e","events":["eoffice.letter-read"],"active":true,"createdAt":"2026-12-02T03:00:00Z"}""");
        var page = Open<Webhooks>();
        page.WaitForAssertion(() => Assert.Contains("https://arsip.kota.go.id/hook", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#webhook-secret"));

        page.Find("input").Input("https://lain.kota.go.id/e");
        await page.FindAll("button").Single(b => b.TextContent.Contains("Buat langganan", StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#webhook-secret")));

        // The secret shown is the one sent with the subscription (made in the browser, 64 hex characters).
        var sent = Api.Received.Last(r => r.Request.Method == HttpMethod.Post).Body!;
        var secret = JsonDocument.Parse(sent).RootElement.GetProperty("secret").GetString()!;
        Assert.Equal(64, secret.Length);
        Assert.Equal(secret, page.Find("[data-secret]").TextContent.Trim());
        Assert.Contains("hanya ditampilkan sekali", page.Markup, StringComparison.Ordinal);

        // Dismissed, it is gone; and the page opened afresh never shows it (the API never gives it back).
        await page.FindAll("button").Single(b => b.TextContent.Contains("Sudah disimpan", StringComparison.Ordinal)).ClickAsync(new());
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        var again = Render<Webhooks>();
        again.WaitForAssertion(() => Assert.Contains("https://arsip.kota.go.id/hook", again.Markup, StringComparison.Ordinal));
        Assert.Empty(again.FindAll("#webhook-secret"));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_webhook_shows_the_errors_at_their_fields_and_no_secret()
    {
        Webhooks(HttpStatusCode.BadRequest, """
            {"status":400,"title":"Validation failed","errors":{"url":["Webhooks may not reach loopback addresses."],"events":["One or more of: eoffice.letter-read."]}}
            """);
        var page = Open<Webhooks>();
        page.WaitForAssertion(() => Assert.Contains("https://arsip.kota.go.id/hook", page.Markup, StringComparison.Ordinal));
        page.Find("input").Input("http://127.0.0.1/x");
        await page.FindAll("button").Single(b => b.TextContent.Contains("Buat langganan", StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Webhooks may not reach loopback addresses.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("One or more of: eoffice.letter-read.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Periksa kembali isian yang ditandai.", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#webhook-secret"));
        Assert.NotEmpty(page.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task The_delivery_log_shows_status_codes_attempts_and_the_next_retry()
    {
        Webhooks(HttpStatusCode.Created, "{}");
        var page = Open<Webhooks>();
        page.WaitForAssertion(() => Assert.Contains("https://arsip.kota.go.id/hook", page.Markup, StringComparison.Ordinal));
        await page.FindAll("button").Single(b => b.TextContent.Contains("Log pengiriman", StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".eo-delivery").Count));
        var pending = page.Find(".eo-delivery[data-status=Pending]");
        Assert.Contains("Menunggu coba lagi", pending.TextContent, StringComparison.Ordinal);
        Assert.Contains("503", pending.TextContent, StringComparison.Ordinal);
        Assert.Contains(">2<", pending.InnerHtml.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("2 Desember 2026", pending.TextContent, StringComparison.Ordinal);
        var done = page.Find(".eo-delivery[data-status=Succeeded]");
        Assert.Contains("Terkirim", done.TextContent, StringComparison.Ordinal);
        Assert.Contains("200", done.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_type_refused_by_the_api_shows_the_errors_at_its_fields_and_a_taken_code_at_the_code()
    {
        Api.On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """
                {"items":[{"code":"Surat Dinas","name":"Surat Dinas (official letter)","active":true,"sortOrder":1,"numberingScope":"unit",
                           "nextNumberingScope":{"scope":"agency","fromYear":2027}}],"next":null}
                """)
            .On(HttpMethod.Post, "/api/letter-types", HttpStatusCode.BadRequest,
                """{"status":400,"title":"Validation failed","errors":{"name":["Required."],"numberingScope":["Use unit or agency."]}}""", "application/problem+json");
        var page = Open<LetterTypes>();
        page.WaitForAssertion(() => Assert.Contains("Surat Dinas (official letter)", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Mulai 2027: penomoran per instansi", page.Markup, StringComparison.Ordinal);

        await page.FindAll("button").Single(b => b.TextContent.Contains("Tambah jenis surat", StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Jenis surat baru", Markup(), StringComparison.Ordinal));
        await Dialog().QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Simpan").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Wajib diisi.", Markup(), StringComparison.Ordinal));
        Assert.Contains("Use unit or agency.", Markup(), StringComparison.Ordinal);
        Assert.Contains("\"name\":null", Api.Received.Last(r => r.Request.Method == HttpMethod.Post).Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instruction_is_deactivated_with_one_click_keeping_its_text_and_an_empty_text_is_refused_at_the_field()
    {
        Api.On(HttpMethod.Get, "/api/disposition-instructions", HttpStatusCode.OK,
                """{"items":[{"code":"Arsipkan","text":"Arsipkan","active":true,"sortOrder":8}],"next":null}""")
            .On(HttpMethod.Put, "/api/disposition-instructions/Arsipkan", HttpStatusCode.NoContent, "")
            .On(HttpMethod.Post, "/api/disposition-instructions", HttpStatusCode.BadRequest,
                """{"status":400,"title":"Validation failed","errors":{"code":["Required."],"text":["Required."]}}""", "application/problem+json");
        var page = Open<Instructions>();
        page.WaitForAssertion(() => Assert.Contains("Arsipkan", page.Markup, StringComparison.Ordinal));
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Nonaktifkan").ClickAsync(new());
        var put = Api.Received.Last(r => r.Request.Method == HttpMethod.Put);
        Assert.Contains("\"active\":false", put.Body!, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Arsipkan\"", put.Body!, StringComparison.Ordinal);

        await page.FindAll("button").Single(b => b.TextContent.Contains("Tambah instruksi", StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Instruksi baru", Markup(), StringComparison.Ordinal));
        await Dialog().QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Simpan").ClickAsync(new());
        // "Required." under the code and under the text, in Indonesian.
        page.WaitForAssertion(() => Assert.Equal(2, Dialog().InnerHtml.Split("Wajib diisi.").Length - 1));
    }

    [Fact]
    public void The_delegations_screen_lists_what_the_caller_granted_and_received_and_a_non_admin_cannot_revoke()
    {
        Api.On(HttpMethod.Get, "/api/delegations/granted", HttpStatusCode.OK, $$"""
                {"items":[{"id":"{{Guid.CreateVersion7()}}","fromPositionId":"{{MyPosition}}","fromTitle":"Kepala Dinas Komunikasi dan Informatika",
                  "toPositionId":"{{Guid.CreateVersion7()}}","toTitle":"Sekretaris Dinas Komunikasi dan Informatika","kind":"an","letterTypes":["Surat Dinas"],
                  "from":"2026-12-01","to":"2026-12-31"}],"next":null}
                """)
            .On(HttpMethod.Get, "/api/delegations/mine", HttpStatusCode.OK, $$"""
                {"items":[{"id":"{{Guid.CreateVersion7()}}","fromPositionId":"{{Guid.CreateVersion7()}}","fromTitle":"Sekretaris Daerah",
                  "toPositionId":"{{MyPosition}}","toTitle":"Kepala Dinas Komunikasi dan Informatika","kind":"ub","letterTypes":["Nota Dinas"],
                  "from":"2026-12-01","to":"2026-12-20"}],"next":null}
                """)
            .On(HttpMethod.Get, "/api/delegations", HttpStatusCode.OK, """{"items":[],"next":null}""");
        var page = Open<EOffice.Web.Pages.Delegations>();
        page.WaitForAssertion(() => Assert.Contains("Sekretaris Dinas Komunikasi dan Informatika menandatangani a.n. Kepala Dinas Komunikasi dan Informatika",
            page.Find("#delegations-granted").TextContent, StringComparison.Ordinal));
        Assert.Contains("menandatangani u.b. Sekretaris Daerah", page.Find("#delegations-received").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 Desember 2026 s.d. 20 Desember 2026", page.Find("#delegations-received").TextContent, StringComparison.Ordinal);
        // This caller is an admin: the record form and revoke buttons are there.
        Assert.Contains("Catat delegasi", page.Markup, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Cabut");
    }

    private string Markup() => _host!.Markup;

    private AngleSharp.Dom.IElement Dialog() => _host!.Find(".mud-dialog");
}
