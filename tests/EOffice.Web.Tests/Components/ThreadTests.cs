using System.Net;
using Bunit;
using EOffice.Web.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>Replies and forwards in the web app: the letter page's thread, "Balas" and "Teruskan", and forwarded inbox entries.</summary>
public sealed class ThreadTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private static readonly Guid MyPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000010");
    private static readonly Guid SignerPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000020");
    private static readonly Guid Section = Guid.Parse("0196f1d2-0000-7000-8000-000000000030");
    private readonly Guid _id = Guid.CreateVersion7();
    private readonly Guid _reply = Guid.CreateVersion7();
    private IRenderedComponent<Bunit.Rendering.ContainerFragment>? _host;

    public ThreadTests()
    {
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Nurul","nip":"1","positionId":"{{MyPosition}}","roles":["staff"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/auth/me", HttpStatusCode.OK,
                $$"""{"id":"{{Me}}","name":"Nurul","nip":"1","positionId":"{{MyPosition}}","roles":["staff"],"acting":[]}""")
            .On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """{"items":[{"code":"Surat Dinas","name":"Surat Dinas","active":true,"sortOrder":1}],"next":null}""")
            .On(HttpMethod.Get, "/api/classifications", HttpStatusCode.OK, """[{"code":"000","title":"Umum","children":[]}]""")
            .On(HttpMethod.Get, $"/api/letters/{_id}/timeline", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .On(HttpMethod.Post, $"/api/letters/{_id}/read", HttpStatusCode.OK, """{"readAt":"2026-12-02T03:00:00Z"}""")
            .On(HttpMethod.Get, "/api/org/positions", HttpStatusCode.OK,
                $$"""{"items":[{"id":"{{Section}}","title":"Kepala Seksi Identitas Penduduk","unitId":"{{Guid.Empty}}","unitCode":"IDP","unitName":"Seksi Identitas Penduduk","superiorId":null,"isUnitHead":true,"holder":null,"acting":null}],"next":null}""")
            .On(HttpMethod.Get, $"/api/letters/{_id}/thread", HttpStatusCode.OK, $$"""
                {"items":[
                  {"id":"{{_id}}","relation":"original","direction":"Outgoing","type":"Surat Dinas","status":"Sent","security":"Biasa","subject":"Undangan rapat koordinasi",
                   "number":"000.1.2/5/DISKOMINFO-APTIKA/2026","date":"2026-12-01","at":"2026-12-01T02:00:00Z","sender":"Kepala Bidang Aplikasi Informatika","replyToLetterId":null,"forward":null},
                  {"id":"{{_id}}","relation":"forward","direction":"Outgoing","type":"Surat Dinas","status":"Sent","security":"Biasa","subject":"Undangan rapat koordinasi",
                   "number":"000.1.2/5/DISKOMINFO-APTIKA/2026","date":"2026-12-01","at":"2026-12-01T03:00:00Z","sender":"Kepala Dinas","replyToLetterId":null,
                   "forward":{"id":"{{Guid.CreateVersion7()}}","by":"Kepala Dinas","byName":"Nurul","to":["Sekretaris Dinas"],"note":"Agendakan","toPositionIds":["{{Guid.CreateVersion7()}}"] } },
                  {"id":"{{_reply}}","relation":"reply","direction":"Outgoing","type":"Surat Dinas","status":"Sent","security":"Biasa","subject":"Balasan: Undangan rapat koordinasi",
                   "number":"000.1.2/9/DISDUKCAPIL/2026","date":"2026-12-02","at":"2026-12-02T02:00:00Z","sender":"Kepala Dinas","replyToLetterId":"{{_id}}","forward":null}
                ],"next":null}
                """);
    }

    private string Letter(string security = "Biasa", bool toMe = true) => $$"""
        {"id":"{{_id}}","direction":"Outgoing","type":"Surat Dinas","status":"Sent","subject":"Undangan rapat koordinasi","summary":null,
         "body":"Isi","classificationCode":"000.1.2","security":"{{security}}","urgency":"Segera","number":"000.1.2/5/DISKOMINFO-APTIKA/2026","date":"2026-12-01",
         "drafter":null,"drafterUserId":"{{Guid.Empty}}","reviews":[],"reviewStep":1,
         "signer":{"positionId":"{{SignerPosition}}","title":"Kepala Bidang Aplikasi Informatika","unitId":null,"unitName":null},
         "signedAt":"2026-12-01T01:00:00Z","verificationCode":"ABC","sentAt":"2026-12-01T02:00:00Z","attachments":[],
         "recipients":[{"id":"{{Guid.CreateVersion7()}}","cc":false,"positionId":"{{(toMe ? MyPosition : Section)}}","unitId":null,"external":null,
           "targetPositionId":"{{(toMe ? MyPosition : Section)}}","targetTitle":"Kepala Dinas","deliveredAt":"2026-12-01T02:00:00Z","dispatchedAt":null,"readAt":"2026-12-01T02:30:00Z"}],
         "senderInstitution":null,"senderNumber":null,"senderDate":null,"receivedAt":null,"agendaNumber":null,"version":3,
         "createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-01T00:00:00Z","signedAs":null}
        """;

    private IRenderedComponent<LetterPage> Open()
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<LetterPage>(2);
            b.AddAttribute(3, nameof(LetterPage.Id), _id);
            b.CloseComponent();
        });
        _host = host;
        var page = host.FindComponent<LetterPage>();
        page.WaitForAssertion(() => Assert.Contains("Rangkaian surat", page.Markup, StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public void The_letter_page_shows_the_thread_oldest_first_with_links_and_offers_reply_and_forward_to_a_recipient()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter());
        var page = Open();

        var items = page.FindAll("#letter-thread .mud-list-item").Select(i => i.TextContent).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("Surat awal", items[0], StringComparison.Ordinal);
        Assert.Contains("Diteruskan", items[1], StringComparison.Ordinal);
        Assert.Contains("oleh Kepala Dinas kepada Sekretaris Dinas — “Agendakan”", items[1], StringComparison.Ordinal);
        Assert.Contains("Balasan", items[2], StringComparison.Ordinal);
        Assert.Contains(page.FindAll("#letter-thread a"), a => a.GetAttribute("href") == $"/surat/{_reply}");
        var reply = page.FindAll("a").Single(a => a.TextContent.Trim() == "Balas");
        Assert.Equal($"/surat/baru?balas={_id}", reply.GetAttribute("href"));
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Teruskan");
    }

    [Fact]
    public void Forwarding_sends_the_chosen_positions_and_the_note()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter())
            .On(HttpMethod.Post, $"/api/letters/{_id}/forward", HttpStatusCode.Created, "{}");
        var page = Open();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Teruskan").Click();
        var host = _host!;
        host.WaitForElement(".mud-dialog");
        host.Find(".mud-dialog input").Input("Identitas");
        host.WaitForAssertion(() => host.FindAll(".mud-popover .mud-list-item").Single(i => i.TextContent.Contains("Kepala Seksi Identitas Penduduk", StringComparison.Ordinal)));
        host.FindAll(".mud-popover .mud-list-item").Single(i => i.TextContent.Contains("Kepala Seksi Identitas Penduduk", StringComparison.Ordinal)).Click();
        host.WaitForAssertion(() => Assert.Single(host.FindAll(".eo-forward-target")));
        host.Find(".mud-dialog textarea").Input("Mohon hadir mewakili");
        host.WaitForAssertion(() => Assert.Equal("Mohon hadir mewakili", host.Find(".mud-dialog textarea").GetAttribute("value") ?? host.Find(".mud-dialog textarea").TextContent));
        host.WaitForAssertion(() => host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Teruskan" && !b.HasAttribute("disabled")).Click());

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.RequestUri!.AbsolutePath.EndsWith("/forward", StringComparison.Ordinal)));
        var body = Api.Received.Single(r => r.Request.RequestUri!.AbsolutePath.EndsWith("/forward", StringComparison.Ordinal)).Body;
        Assert.Contains($"\"positionId\":\"{Section}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"Mohon hadir mewakili\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_letter_offers_no_forward_and_a_letter_not_received_neither()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter(security: "Rahasia"));
        var page = Open();
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Teruskan");
        Assert.Contains(page.FindAll("a"), a => a.TextContent.Trim() == "Balas");
    }

    [Fact]
    public void Balas_opens_compose_prefilled_from_the_original_and_sends_replyToLetterId()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter())
            .On(HttpMethod.Post, "/api/letters", HttpStatusCode.BadRequest,
                """{"status":400,"title":"Bad Request","code":"validation","errors":{"signerPositionId":["Required."]}}""", "application/problem+json");
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/surat/baru?balas={_id}");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Compose>(1);
            b.CloseComponent();
        });
        var page = host.FindComponent<Compose>();
        page.WaitForAssertion(() => Assert.Contains("Membalas surat", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Balasan: Undangan rapat koordinasi", page.FindAll("input").Select(i => i.GetAttribute("value")).First(v => v?.StartsWith("Balasan", StringComparison.Ordinal) == true));
        Assert.Contains("Kepala Bidang Aplikasi Informatika", page.Markup, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Post && r.Request.RequestUri!.AbsolutePath == "/api/letters"));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Post && r.Request.RequestUri!.AbsolutePath == "/api/letters").Body;
        Assert.Contains($"\"replyToLetterId\":\"{_id}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"positionId\":\"{SignerPosition}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"classificationCode\":\"000.1.2\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inbox_says_who_forwarded_an_entry()
    {
        Api.On(HttpMethod.Get, "/api/mailbox/inbox", HttpStatusCode.OK, $$"""
            {"items":[{"id":"{{Guid.CreateVersion7()}}","letterId":"{{_id}}","direction":"Outgoing","type":"Surat Dinas","subject":"Undangan rapat koordinasi",
              "number":"000.1.2/5/DISKOMINFO-APTIKA/2026","agendaNumber":null,"date":"2026-12-01","status":"Sent","security":"Biasa","urgency":"Segera",
              "from":"Kepala Bidang Aplikasi Informatika","cc":false,"deliveredAt":"2026-12-01T03:00:00Z","readAt":null,"unread":true,
              "sortAt":"2026-12-01T03:00:00Z","senderNumber":null,"forwardedBy":"Kepala Dinas Kependudukan dan Pencatatan Sipil","forwardNote":"Agendakan"}],"next":null}
            """);
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Mailbox>(1);
            b.AddAttribute(2, nameof(Mailbox.Folder), "masuk");
            b.CloseComponent();
        });
        var page = host.FindComponent<Mailbox>();
        page.WaitForAssertion(() => Assert.Contains("Undangan rapat koordinasi", page.Markup, StringComparison.Ordinal));
        Assert.Equal("diteruskan oleh Kepala Dinas Kependudukan dan Pencatatan Sipil", page.Find(".eo-forwarded").TextContent.Trim());
    }
}
