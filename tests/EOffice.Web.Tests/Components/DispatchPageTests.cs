using System.Net;
using Bunit;
using EOffice.Web.Pages;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>The secretariat's paper dispatch list, the letter's dispatch state and the invitation's event in the compose form.</summary>
public sealed class DispatchPageTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private readonly Guid _letter = Guid.CreateVersion7();
    private readonly Guid _dispatch = Guid.CreateVersion7();

    private void SignedIn(string role) =>
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
            $$"""{"user":{"id":"{{Me}}","name":"Putri","nip":"1","positionId":null,"roles":["{{role}}"]},"expiresAt":null}""");

    private IRenderedComponent<T> Open<T>(Action<Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder>? attributes = null) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<T>(1);
            attributes?.Invoke(b);
            b.CloseComponent();
        });
        return host.FindComponent<T>();
    }

    private string Item(string state, string? tracking = null) => $$"""
        {"id":"{{_dispatch}}","letterId":"{{_letter}}","type":"Surat Dinas","number":"000.1.2/7/DISKOMINFO/2026","date":"2026-12-02",
         "subject":"Permohonan narasumber","security":"Biasa","name":"Ketua DPRD Kota Depok","address":"Jl. Boulevard Grand Depok City",
         "email":null,"method":"paper","state":"{{state}}","attempts":0,"lastError":null,"createdAt":"2026-12-02T03:00:00Z",
         "at":{{(tracking is null ? "null" : "\"2026-12-02T05:00:00Z\"")}},"courier":{{(tracking is null ? "null" : "\"Pos Indonesia\"")}},
         "trackingNumber":{{(tracking is null ? "null" : $"\"{tracking}\"")}},"note":null,"dispatchedBy":null}
        """;

    [Fact]
    public void The_secretariat_sees_pending_paper_dispatches_and_marks_one_dispatched_with_courier_and_tracking_number()
    {
        SignedIn("secretariat");
        Api.On(HttpMethod.Get, "/api/dispatch", HttpStatusCode.OK, $$"""{"items":[{{Item("pending")}}],"next":null}""")
            .On(HttpMethod.Post, $"/api/dispatch/{_dispatch}/dispatched", HttpStatusCode.OK, Item("dispatched", "RR123456789ID"));
        var page = Open<Dispatch>();
        page.WaitForAssertion(() => Assert.Contains("Ketua DPRD Kota Depok", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Jl. Boulevard Grand Depok City", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Menunggu kirim fisik", page.Markup, StringComparison.Ordinal);
        Assert.Contains("state=pending", Api.Received.Single(r => r.Request.RequestUri!.AbsolutePath == "/api/dispatch").Request.RequestUri!.Query, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Tandai terkirim").Click();
        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Kurir").QuerySelector("input")!.Change("Pos Indonesia");
        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Nomor resi").QuerySelector("input")!.Change("RR123456789ID");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Post));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Post).Body!;
        Assert.Contains("\"courier\":\"Pos Indonesia\"", body, StringComparison.Ordinal);
        Assert.Contains("\"trackingNumber\":\"RR123456789ID\"", body, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("Tidak ada pengiriman.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Someone_outside_the_secretariat_is_told_the_list_is_theirs()
    {
        SignedIn("staff");
        var page = Open<Dispatch>();

        page.WaitForAssertion(() => Assert.Contains("diurus oleh sekretariat instansi pengirim", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Tandai terkirim");
        Assert.DoesNotContain(Api.Received, r => r.Request.RequestUri!.AbsolutePath == "/api/dispatch");
    }

    [Fact]
    public void The_letter_page_shows_how_each_external_addressee_gets_the_letter()
    {
        SignedIn("staff");
        Api.On(HttpMethod.Get, $"/api/letters/{_letter}/timeline", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .On(HttpMethod.Get, $"/api/letters/{_letter}", HttpStatusCode.OK, $$"""
                {"id":"{{_letter}}","direction":"Outgoing","type":"Surat Undangan","status":"Sent","subject":"Rapat koordinasi","summary":null,
                 "body":"Isi","classificationCode":"000.1","security":"Biasa","urgency":"Biasa","number":"000.1/1/2026","date":"2026-12-02",
                 "drafter":null,"drafterUserId":"{{Guid.Empty}}","reviews":[],"reviewStep":0,"signer":null,"signedAt":"2026-12-02T03:00:00Z",
                 "verificationCode":"ABC","sentAt":"2026-12-02T03:00:00Z","attachments":[],"recipients":[],"senderInstitution":null,"senderNumber":null,
                 "senderDate":null,"receivedAt":null,"agendaNumber":null,"version":3,"createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-02T03:00:00Z",
                 "signedAs":null,
                 "event":{"date":"2026-12-09","startTime":"09:00","endTime":null,"place":"Balai Kota Depok","agenda":"Koordinasi"},
                 "dispatch":[
                   {"id":"{{Guid.CreateVersion7()}}","name":"BSSN","address":null,"email":"tu@bssn.example","cc":false,"method":"email","state":"failed",
                    "attempts":2,"lastError":"Service not available","nextAttemptAt":"2026-12-02T04:00:00Z","at":null,"courier":null,"trackingNumber":null,"dispatchedBy":null},
                   {"id":"{{Guid.CreateVersion7()}}","name":"Ketua DPRD Kota Depok","address":"Jl. Boulevard","email":null,"cc":true,"method":"paper","state":"dispatched",
                    "attempts":0,"lastError":null,"nextAttemptAt":null,"at":"2026-12-02T05:00:00Z","courier":"Pos Indonesia","trackingNumber":"RR123456789ID","dispatchedBy":"Putri"}]}
                """);
        var page = Open<LetterPage>(b => b.AddAttribute(2, nameof(LetterPage.Id), _letter));
        page.WaitForAssertion(() => Assert.Contains("Pengiriman ke luar", page.Markup, StringComparison.Ordinal));

        var dispatch = page.Find("#letter-dispatch").TextContent;
        Assert.Contains("Email gagal", dispatch, StringComparison.Ordinal);
        Assert.Contains("Service not available", dispatch, StringComparison.Ordinal);
        Assert.Contains("Terkirim fisik", dispatch, StringComparison.Ordinal);
        Assert.Contains("RR123456789ID", dispatch, StringComparison.Ordinal);
        Assert.Contains("Rabu, 9 Desember 2026", page.Markup, StringComparison.Ordinal);
        Assert.Contains("09.00 WIB s.d. selesai", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Surat_Undangan_draft_edits_its_event_and_sends_it_with_the_draft()
    {
        var id = Guid.CreateVersion7();
        Api.On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """{"items":[{"code":"Surat Undangan","name":"Surat Undangan","active":true,"sortOrder":1}],"next":null}""")
            .On(HttpMethod.Get, "/api/classifications", HttpStatusCode.OK, """[{"code":"000","title":"Umum","children":[]}]""")
            .On(HttpMethod.Get, $"/api/letters/{id}", HttpStatusCode.OK, $$"""
                {"id":"{{id}}","direction":"Outgoing","type":"Surat Undangan","status":"Draft","subject":"Rapat koordinasi","summary":null,"body":"Isi",
                 "classificationCode":"000","security":"Biasa","urgency":"Biasa","number":null,"date":null,"drafter":null,
                 "drafterUserId":"{{Guid.Empty}}","reviews":[],"reviewStep":0,"signer":null,"signedAt":null,"verificationCode":null,"sentAt":null,
                 "attachments":[],"recipients":[],"senderInstitution":null,"senderNumber":null,"senderDate":null,"receivedAt":null,
                 "agendaNumber":null,"version":5,"createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-01T00:00:00Z","signedAs":null,
                 "event":{"date":"2026-12-09","startTime":"09:00","endTime":null,"place":"Balai Kota Depok","agenda":null} }
                """, etag: "\"5\"")
            .On(HttpMethod.Put, $"/api/letters/{id}", HttpStatusCode.BadRequest,
                """{"status":400,"title":"Bad Request","code":"validation","errors":{"event.place":["Required."]}}""", "application/problem+json");
        var page = Open<Compose>(b => b.AddAttribute(2, nameof(Compose.Id), (Guid?)id));
        page.WaitForAssertion(() => Assert.Contains("Acara undangan", page.Markup, StringComparison.Ordinal));
        string Control(string label) => page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).TextContent;
        var place = page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Tempat acara").QuerySelector("input")!;
        Assert.Equal("Balai Kota Depok", place.GetAttribute("value"));
        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Selesai pukul").QuerySelector("input")!.Change("11:30");

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Put));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Put).Body!;
        Assert.Contains("\"event\":{\"date\":\"2026-12-09\",\"startTime\":\"09:00\",\"endTime\":\"11:30\",\"place\":\"Balai Kota Depok\"", body, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("Wajib diisi.", Control("Tempat acara"), StringComparison.Ordinal));
    }
}
