using System.Net;
using Bunit;
using EOffice.Web.Components;
using EOffice.Web.Pages;
using EOffice.Web.Services;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

public sealed class DispositionTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private static readonly Guid MyPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000010");
    private static readonly Guid Head = Guid.Parse("0196f1d2-0000-7000-8000-000000000020");
    private static readonly Guid Kasubbag = Guid.Parse("0196f1d2-0000-7000-8000-000000000031");
    private static readonly Guid Analis = Guid.Parse("0196f1d2-0000-7000-8000-000000000032");
    private readonly Guid _letter = Guid.CreateVersion7();
    private readonly Guid _id = Guid.CreateVersion7();

    public DispositionTests()
    {
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Rahmat","nip":"1","positionId":"{{MyPosition}}","roles":["staff"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/auth/me", HttpStatusCode.OK,
                $$"""{"id":"{{Me}}","name":"Rahmat","nip":"1","positionId":"{{MyPosition}}","roles":["staff"],"acting":[]}""")
            .On(HttpMethod.Get, "/api/disposition-instructions", HttpStatusCode.OK,
                """
                {"items":[{"code":"diketahui","text":"Untuk diketahui","active":true,"sortOrder":1},
                          {"code":"tindaklanjuti","text":"Untuk ditindaklanjuti","active":true,"sortOrder":2},
                          {"code":"arsipkan","text":"Arsipkan","active":true,"sortOrder":3}],"next":null}
                """)
            .On(HttpMethod.Get, $"/api/org/positions/{MyPosition}/subordinates", HttpStatusCode.OK,
                $$"""
                {"items":[{"id":"{{Kasubbag}}","title":"Kepala Subbagian Umum","unitId":"{{Guid.Empty}}","unitName":"Sekretariat","holder":{"userId":"{{Guid.Empty}}","name":"Sri Wahyuni","nip":"2"},"acting":null},
                          {"id":"{{Analis}}","title":"Analis Kebijakan","unitId":"{{Guid.Empty}}","unitName":"Sekretariat","holder":{"userId":"{{Guid.Empty}}","name":"Budi Santoso","nip":"3"},"acting":null}],"next":null}
                """);
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderForm(List<IReadOnlyList<DispositionDetail>> done) => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<DisposeForm>(1);
        b.AddAttribute(2, nameof(DisposeForm.LetterId), _letter);
        b.AddAttribute(3, nameof(DisposeForm.FromPositionId), MyPosition);
        b.AddAttribute(4, nameof(DisposeForm.Urgency), "Segera");
        b.AddAttribute(5, nameof(DisposeForm.OnDone), Microsoft.AspNetCore.Components.EventCallback.Factory.Create<IReadOnlyList<DispositionDetail>>(this, done.Add));
        b.CloseComponent();
    });

    /// <summary>The text of the input control whose label is <paramref name="label"/> (its helper or error text included).</summary>
    private static string Control(IRenderedComponent<Bunit.Rendering.ContainerFragment> host, string label) =>
        host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).TextContent;

    private static void Pick(IRenderedComponent<Bunit.Rendering.ContainerFragment> host, string text)
    {
        var input = host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Kepada").QuerySelector("input")!;
        input.Input(text);
        host.WaitForAssertion(() => Assert.Contains(host.FindAll(".mud-popover .mud-list-item"), i => i.TextContent.Contains(text, StringComparison.Ordinal)));
        host.FindAll(".mud-popover .mud-list-item").First(i => i.TextContent.Contains(text, StringComparison.Ordinal)).Click();
        host.WaitForAssertion(() => Assert.Contains(text, host.Find("#dispose-to").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_dispose_form_shows_dueAt_and_to_errors_next_to_their_fields()
    {
        Api.On(HttpMethod.Post, $"/api/letters/{_letter}/dispositions", HttpStatusCode.BadRequest,
            """{"status":400,"title":"Bad Request","code":"validation","errors":{"dueAt":["Must be in the future."],"to[0]":["Not below your position."]}}""",
            "application/problem+json");
        var host = RenderForm([]);
        host.WaitForAssertion(() => Assert.Contains("Untuk diketahui", host.Markup, StringComparison.Ordinal));
        Assert.Contains("Kosongkan untuk bawaan:", Control(host, "Batas waktu"), StringComparison.Ordinal);
        Assert.Contains("kecepatan Segera", Control(host, "Batas waktu"), StringComparison.Ordinal);

        host.FindAll("button").Single(b => b.TextContent.Trim() == "Kirim disposisi").Click();

        host.WaitForAssertion(() => Assert.Contains("Must be in the future.", Control(host, "Batas waktu"), StringComparison.Ordinal));
        Assert.Contains("Not below your position.", Control(host, "Kepada"), StringComparison.Ordinal);
        Assert.DoesNotContain("Must be in the future.", Control(host, "Catatan"), StringComparison.Ordinal);
        Assert.Contains("Periksa kembali isian yang ditandai.", host.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dispose_form_posts_the_chosen_subordinates_and_instructions()
    {
        var created = Guid.CreateVersion7();
        Api.On(HttpMethod.Post, $"/api/letters/{_letter}/dispositions", HttpStatusCode.Created, $$"""{"items":[{{Detail(created, "Open", MyPosition, Kasubbag)}}],"next":null}""");
        var done = new List<IReadOnlyList<DispositionDetail>>();
        var host = RenderForm(done);
        host.WaitForAssertion(() => Assert.Contains("Untuk ditindaklanjuti", host.Markup, StringComparison.Ordinal));

        Pick(host, "Kepala Subbagian Umum");
        Pick(host, "Analis Kebijakan");
        host.FindAll("#dispose-instructions .mud-chip").Single(c => c.TextContent.Contains("Untuk ditindaklanjuti", StringComparison.Ordinal)).Click();
        host.FindAll("#dispose-instructions .mud-chip").Single(c => c.TextContent.Contains("Arsipkan", StringComparison.Ordinal)).Click();
        host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Catatan").QuerySelector("textarea")!.Input("Segera koordinasikan.");
        host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Batas waktu").QuerySelector("input")!.Change("2026-12-30");

        host.FindAll("button").Single(b => b.TextContent.Trim() == "Kirim disposisi").Click();

        host.WaitForAssertion(() => Assert.Single(done));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Post).Body!;
        Assert.Contains($"\"to\":[\"{Kasubbag}\",\"{Analis}\"]", body, StringComparison.Ordinal);
        Assert.Contains("\"instructions\":[\"tindaklanjuti\",\"arsipkan\"]", body, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"Segera koordinasikan.\"", body, StringComparison.Ordinal);
        Assert.Contains("\"dueAt\":\"2026-12-30\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"fromPositionId\":\"{MyPosition}\"", body, StringComparison.Ordinal);
    }

    private string Detail(Guid id, string status, Guid from, Guid to) => $$"""
        {"id":"{{id}}","letterId":"{{_letter}}","parentId":null,
         "from":{"positionId":"{{from}}","title":"Kepala Dinas","unitName":"Dinas","holderName":"Andi"},"fromUserName":"Andi",
         "to":{"positionId":"{{to}}","title":"Kepala Subbagian Umum","unitName":"Sekretariat","holderName":"Sri Wahyuni"},
         "instructions":["tindaklanjuti"],"note":"Mohon ditindaklanjuti.","dueAt":"2026-12-30T16:59:59Z","priority":"Normal","status":"{{status}}",
         "overdue":false,"readAt":null,"completedAt":null,"cancelledAt":null,"createdAt":"2026-12-02T02:00:00Z","followUps":[],"children":[],
         "fromAs":"Kepala Dinas","late":false,
         "letter":{"number":"005/12/2026","agendaNumber":null,"senderNumber":"005/12/2026","subject":"Undangan rapat","sender":"Bappeda","security":"Biasa","urgency":"Segera"} }
        """;

    private IRenderedComponent<DispositionPage> OpenPage(string status, Guid from, Guid to)
    {
        Api.On(HttpMethod.Get, $"/api/dispositions/{_id}", HttpStatusCode.OK, Detail(_id, status, from, to))
            .On(HttpMethod.Get, $"/api/letters/{_letter}/dispositions", HttpStatusCode.OK, $$"""{"items":[{{Detail(_id, status, from, to)}}],"next":null}""");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<DispositionPage>(2);
            b.AddAttribute(3, nameof(DispositionPage.Id), _id);
            b.CloseComponent();
        });
        var page = host.FindComponent<DispositionPage>();
        page.WaitForAssertion(() => Assert.Contains("Undangan rapat", page.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#disposition-tree")));
        return page;
    }

    private static List<string> Buttons(IRenderedComponent<DispositionPage> page) =>
        [.. page.FindAll("#disposition-actions button, #disposition-actions a").Select(b => b.TextContent.Trim())];

    [Fact]
    public void The_assignee_of_an_open_disposition_may_complete_forward_and_follow_up()
    {
        var page = OpenPage("Read", Head, MyPosition);
        var buttons = Buttons(page);
        Assert.Contains("Selesai", buttons);
        Assert.Contains("Teruskan", buttons);
        Assert.Contains("Tindak lanjut", buttons);
        Assert.DoesNotContain("Batalkan", buttons);
        Assert.Contains("Lembar disposisi", buttons);
        Assert.Contains("Untuk ditindaklanjuti", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_completed_disposition_offers_no_Selesai()
    {
        var page = OpenPage("Completed", Head, MyPosition);
        Assert.DoesNotContain("Selesai", Buttons(page));
        Assert.DoesNotContain("Teruskan", Buttons(page));
    }

    [Fact]
    public void The_sender_gets_no_Selesai_but_may_cancel_while_unread()
    {
        var page = OpenPage("Open", MyPosition, Kasubbag);
        var buttons = Buttons(page);
        Assert.DoesNotContain("Selesai", buttons);
        Assert.Contains("Batalkan", buttons);
    }
}
