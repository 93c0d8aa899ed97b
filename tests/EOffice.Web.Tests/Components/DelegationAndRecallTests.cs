using System.Net;
using Bunit;
using EOffice.Web.Pages;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>Signing a.n./u.b. in the compose form and on the letter page, and the signer's recall.</summary>
public sealed class DelegationAndRecallTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private static readonly Guid MyPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000010");
    private static readonly Guid Kepala = Guid.Parse("0196f1d2-0000-7000-8000-000000000030");
    private readonly Guid _id = Guid.CreateVersion7();
    private IRenderedComponent<Bunit.Rendering.ContainerFragment>? _host;

    public DelegationAndRecallTests()
    {
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Ratna","nip":"1","positionId":"{{MyPosition}}","roles":["staff"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/auth/me", HttpStatusCode.OK,
                $$"""{"id":"{{Me}}","name":"Ratna","nip":"1","positionId":"{{MyPosition}}","roles":["staff"],"acting":[]}""")
            .On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """{"items":[{"code":"Surat Dinas","name":"Surat Dinas","active":true,"sortOrder":1}],"next":null}""")
            .On(HttpMethod.Get, "/api/classifications", HttpStatusCode.OK, """[{"code":"000","title":"Umum","children":[]}]""")
            .On(HttpMethod.Get, $"/api/letters/{_id}/timeline", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .On(HttpMethod.Get, $"/api/delegations/to/{MyPosition}", HttpStatusCode.OK, $$"""
                {"items":[{"id":"{{Guid.CreateVersion7()}}","fromPositionId":"{{Kepala}}","fromTitle":"Kepala Dinas Komunikasi dan Informatika",
                  "toPositionId":"{{MyPosition}}","toTitle":"Sekretaris Dinas","kind":"an","letterTypes":["Surat Dinas"],"from":"2026-12-01","to":"2026-12-31"}],"next":null}
                """);
    }

    private string Letter(string status, string signerTitle, string? onBehalf, string? readAt = null, string? recall = null, bool signed = true) => $$"""
        {"id":"{{_id}}","direction":"Outgoing","type":"Surat Dinas","status":"{{status}}","subject":"Jadwal pemeliharaan","summary":null,"body":"Isi",
         "classificationCode":"000","security":"Biasa","urgency":"Biasa","number":{{(signed ? "\"000/1/DISKOMINFO/2026\"" : "null")}},"date":null,
         "drafter":null,"drafterUserId":"{{Guid.Empty}}","reviews":[],"reviewStep":1,
         "signer":{"positionId":"{{MyPosition}}","title":"{{signerTitle}}","unitId":null,"unitName":null},
         "signedAt":{{(signed ? "\"2026-12-02T03:00:00Z\"" : "null")}},"verificationCode":null,"sentAt":null,"attachments":[],
         "recipients":[{"id":"{{Guid.CreateVersion7()}}","cc":false,"positionId":"{{Guid.CreateVersion7()}}","unitId":null,"external":null,
           "targetPositionId":"{{Guid.CreateVersion7()}}","targetTitle":"Kepala Dinas Kependudukan","deliveredAt":"2026-12-02T03:00:00Z","dispatchedAt":null,
           "readAt":{{(readAt is null ? "null" : $"\"{readAt}\"")}}}],
         "senderInstitution":null,"senderNumber":null,"senderDate":null,"receivedAt":null,"agendaNumber":null,"version":3,
         "createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-01T00:00:00Z","signedAs":null,
         "onBehalfOf":{{onBehalf ?? "null"}},"recall":{{recall ?? "null"}}}
        """;

    private IRenderedComponent<LetterPage> OpenLetter()
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
        page.WaitForAssertion(() => Assert.Contains("Jadwal pemeliharaan", page.Markup, StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public void A_letter_signed_an_the_Kepala_names_the_signer_so_and_its_signer_may_recall_it_with_a_reason()
    {
        const string asAn = "a.n. Kepala Dinas Komunikasi dan Informatika, Sekretaris Dinas";
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK,
                Letter("Sent", asAn, $$"""{"positionId":"{{Kepala}}","kind":"an","title":"Kepala Dinas Komunikasi dan Informatika"}"""))
            .On(HttpMethod.Post, $"/api/letters/{_id}/recall", HttpStatusCode.Conflict,
                """{"status":409,"title":"Conflict","code":"already-read","detail":"Naskah ini sudah dibaca oleh Kepala Dinas Kependudukan; buat ralat."}""",
                "application/problem+json");
        var page = OpenLetter();

        Assert.Contains(asAn, page.Find("#letter-signer").TextContent, StringComparison.Ordinal);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Tarik kembali").Click();
        var host = _host!;
        host.WaitForElement(".mud-dialog");
        host.Find(".mud-dialog textarea").Input("Salah alamat tujuan");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Tarik kembali").Click();

        host.WaitForAssertion(() => Assert.Contains("buat ralat", host.Find("#recall-problem").TextContent, StringComparison.Ordinal));
        var body = Api.Received.Single(r => r.Request.RequestUri!.AbsolutePath.EndsWith("/recall", StringComparison.Ordinal)).Body;
        Assert.Contains("\"reason\":\"Salah alamat tujuan\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_or_recalled_letter_offers_no_recall_and_a_recalled_one_says_why()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK,
            Letter("Recalled", "Sekretaris Dinas", null, recall: """{"at":"2026-12-02T04:00:00Z","reason":"Salah alamat tujuan","byUserId":null}"""));
        var page = OpenLetter();

        Assert.Equal("Ditarik kembali", page.Find("#letter-status").TextContent.Trim());
        Assert.Contains("Alasan: Salah alamat tujuan", page.Find("#letter-recalled").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Tarik kembali");
    }

    [Fact]
    public void Before_signing_the_letter_shows_whom_the_signer_will_sign_for()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK,
            Letter("InReview", "Sekretaris Dinas", $$"""{"positionId":"{{Kepala}}","kind":null,"title":"Kepala Dinas Komunikasi dan Informatika"}""", signed: false));
        var page = OpenLetter();

        Assert.Contains("a.n. Kepala Dinas Komunikasi dan Informatika, Sekretaris Dinas", page.Find("#letter-signer").TextContent, StringComparison.Ordinal);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();
        var host = _host!;
        host.WaitForAssertion(() => Assert.Contains("atas nama Kepala Dinas Komunikasi dan Informatika", host.Find("#sign-on-behalf").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_compose_form_offers_the_signers_delegations_as_Atas_nama_and_saves_the_choice()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK,
                Letter("Draft", "Sekretaris Dinas", $$"""{"positionId":"{{Kepala}}","kind":null,"title":"Kepala Dinas Komunikasi dan Informatika"}""", signed: false)
                    .Replace("\"reviewStep\":1", "\"reviewStep\":0", StringComparison.Ordinal), etag: "\"3\"")
            .On(HttpMethod.Put, $"/api/letters/{_id}", HttpStatusCode.PreconditionFailed, """{"status":412,"title":"Precondition Failed","code":"stale"}""",
                "application/problem+json");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Compose>(1);
            b.AddAttribute(2, nameof(Compose.Id), (Guid?)_id);
            b.CloseComponent();
        });
        var page = host.FindComponent<Compose>();
        page.WaitForAssertion(() => Assert.Contains("Atas nama", page.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("a.n. Kepala Dinas Komunikasi dan Informatika", page.Markup, StringComparison.Ordinal));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Put));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Put).Body!;
        Assert.Contains($"\"onBehalfOfPositionId\":\"{Kepala}\"", body, StringComparison.Ordinal);
    }
}
