using System.Net;
using Bunit;
using EOffice.Web.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

public sealed class ComposeTests : AppContext
{
    public ComposeTests()
    {
        Api.On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """{"items":[{"code":"nota-dinas","name":"Nota Dinas","active":true,"sortOrder":1}],"next":null}""")
            .On(HttpMethod.Get, "/api/classifications", HttpStatusCode.OK, """[{"code":"000","title":"Umum","children":[]}]""");
    }

    private IRenderedComponent<Compose> RenderCompose()
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Compose>(1);
            b.CloseComponent();
        });
        return host.FindComponent<Compose>();
    }

    /// <summary>The text of the input control whose label is <paramref name="label"/> (its helper or error text included).</summary>
    private static string Control(IRenderedComponent<Compose> page, string label) =>
        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).TextContent;

    [Fact]
    public void Field_errors_of_a_problem_are_shown_next_to_their_fields()
    {
        Api.On(HttpMethod.Post, "/api/letters", HttpStatusCode.BadRequest,
            """
            {"status":400,"title":"Bad Request","code":"validation","errors":{
              "subject":["Required."],
              "signerPositionId":["This position may not sign a nota-dinas."],
              "to":["At least one addressee."]}}
            """, "application/problem+json");
        var page = RenderCompose();
        page.WaitForAssertion(() => Assert.Contains("Hal", page.Markup, StringComparison.Ordinal));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains("Wajib diisi.", Control(page, "Hal"), StringComparison.Ordinal));
        Assert.Contains("This position may not sign a nota-dinas.", Control(page, "Penandatangan"), StringComparison.Ordinal);
        Assert.Contains("Minimal satu penerima.", Control(page, "Tambah kepada (jabatan)"), StringComparison.Ordinal);
        Assert.DoesNotContain("Wajib diisi.", Control(page, "Ringkasan"), StringComparison.Ordinal);
        Assert.Contains("Periksa kembali isian yang ditandai.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_edit_says_the_draft_was_changed_by_someone_else()
    {
        var id = Guid.CreateVersion7();
        Api.On(HttpMethod.Get, $"/api/letters/{id}", HttpStatusCode.OK, LetterJson(id), etag: "\"5\"")
            .On(HttpMethod.Put, $"/api/letters/{id}", HttpStatusCode.PreconditionFailed,
                """{"status":412,"title":"Precondition Failed","code":"stale"}""", "application/problem+json");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Compose>(1);
            b.AddAttribute(2, nameof(Compose.Id), (Guid?)id);
            b.CloseComponent();
        });
        var page = host.FindComponent<Compose>();
        page.WaitForAssertion(() => Assert.Contains("Ubah Konsep", page.Markup, StringComparison.Ordinal));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains("Naskah diubah orang lain — muat ulang.", page.Markup, StringComparison.Ordinal));
        var put = Api.Received.Single(r => r.Request.Method == HttpMethod.Put).Request;
        Assert.Equal("\"5\"", Assert.Single(put.Headers.GetValues("If-Match")));
    }

    [Fact]
    public void A_new_draft_is_made_as_the_acting_position_chosen_in_the_profile()
    {
        var acting = new EOffice.Web.Services.ActingPosition(Guid.CreateVersion7(), "Sekretaris Dinas Kependudukan dan Pencatatan Sipil",
            Guid.CreateVersion7(), "Plt", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31));
        Services.GetRequiredService<EOffice.Web.Services.Session>().ActingAs = acting;
        Api.On(HttpMethod.Post, "/api/letters", HttpStatusCode.BadRequest,
            """{"status":400,"title":"Bad Request","code":"validation","errors":{"subject":["Required."]}}""", "application/problem+json");
        var page = RenderCompose();
        page.WaitForAssertion(() => Assert.Contains("Konsep dibuat sebagai Plt. Sekretaris Dinas Kependudukan dan Pencatatan Sipil", page.Markup, StringComparison.Ordinal));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Simpan").Click();

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Post));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Post).Body!;
        Assert.Contains($"\"drafterPositionId\":\"{acting.PositionId}\"", body, StringComparison.Ordinal);
    }

    private static string LetterJson(Guid id) => $$"""
        {"id":"{{id}}","direction":"Outgoing","type":"nota-dinas","status":"Draft","subject":"Rapat koordinasi","summary":null,"body":"Isi",
         "classificationCode":"000","security":"Biasa","urgency":"Biasa","number":null,"date":null,"drafter":null,
         "drafterUserId":"{{Guid.Empty}}","reviews":[],"reviewStep":0,"signer":null,"signedAt":null,"verificationCode":null,"sentAt":null,
         "attachments":[],"recipients":[],"senderInstitution":null,"senderNumber":null,"senderDate":null,"receivedAt":null,
         "agendaNumber":null,"version":5,"createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-01T00:00:00Z","signedAs":null}
        """;
}
