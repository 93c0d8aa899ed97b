using System.Net;
using Bunit;
using EOffice.Web.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

public sealed class LetterPageTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private static readonly Guid MyPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000010");
    private static readonly Guid SignerPosition = Guid.Parse("0196f1d2-0000-7000-8000-000000000020");
    private readonly Guid _id = Guid.CreateVersion7();

    public LetterPageTests()
    {
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Rahmat","nip":"1","positionId":"{{MyPosition}}","roles":["staff"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/auth/me", HttpStatusCode.OK,
                $$"""{"id":"{{Me}}","name":"Rahmat","nip":"1","positionId":"{{MyPosition}}","roles":["staff"],"acting":[]}""")
            .On(HttpMethod.Get, "/api/letter-types", HttpStatusCode.OK, """{"items":[{"code":"nota-dinas","name":"Nota Dinas","active":true,"sortOrder":1}],"next":null}""")
            .On(HttpMethod.Get, $"/api/letters/{_id}/timeline", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .On(HttpMethod.Post, $"/api/letters/{_id}/review", HttpStatusCode.OK, Letter(reviewStep: 2));
    }

    private void WithProvider(string provider) =>
        Api.On(HttpMethod.Get, "/api/signing", HttpStatusCode.OK, $$"""{"provider":"{{provider}}"}""");

    private IRenderedComponent<Bunit.Rendering.ContainerFragment>? _host;

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
        page.WaitForAssertion(() => Assert.Contains("Rapat koordinasi", page.Markup, StringComparison.Ordinal));
        return page;
    }

    private string Letter(int reviewStep, Guid? signer = null) => $$"""
        {"id":"{{_id}}","direction":"Outgoing","type":"nota-dinas","status":"InReview","subject":"Rapat koordinasi","summary":null,
         "body":"Hadir **tepat waktu**. <b>tebal</b>","classificationCode":"000.1","security":"Biasa","urgency":"Segera","number":null,"date":null,
         "drafter":null,"drafterUserId":"{{Guid.Empty}}",
         "reviews":[{"step":1,"position":{"positionId":"{{MyPosition}}","title":"Kepala Subbagian","unitId":null,"unitName":null},"decision":null,"comment":null,"decidedAt":null,"decidedBy":null}],
         "reviewStep":{{reviewStep}},"signer":{"positionId":"{{signer ?? SignerPosition}}","title":"Sekretaris Daerah","unitId":null,"unitName":null},
         "signedAt":null,"verificationCode":null,"sentAt":null,"attachments":[],"recipients":[],"senderInstitution":null,"senderNumber":null,
         "senderDate":null,"receivedAt":null,"agendaNumber":null,"version":2,"createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-01T00:00:00Z","signedAs":null}
        """;

    [Fact]
    public void The_current_reviewer_may_approve_or_return_and_a_return_sends_the_comment()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter(reviewStep: 1));
        var page = Open();
        Assert.Equal("Verifikasi", page.Find("#letter-status").TextContent.Trim());
        Assert.Contains("<strong>tepat waktu</strong>", page.Find("#letter-body").InnerHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;tebal&lt;/b&gt;", page.Find("#letter-body").InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Tandatangani");

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Kembalikan").Click();
        var host = _host!;
        var dialog = host.WaitForElement(".mud-dialog");
        Assert.Contains("Catatan", dialog.TextContent, StringComparison.Ordinal);
        host.Find(".mud-dialog textarea").Input("Perbaiki paragraf kedua.");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Kembalikan").Click();

        page.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.RequestUri!.AbsolutePath.EndsWith("/review", StringComparison.Ordinal)));
        var body = Api.Received.Single(r => r.Request.RequestUri!.AbsolutePath.EndsWith("/review", StringComparison.Ordinal)).Body;
        Assert.Contains("\"decision\":\"return\"", body, StringComparison.Ordinal);
        Assert.Contains("Perbaiki paragraf kedua.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_who_is_neither_reviewer_nor_signer_gets_no_actions()
    {
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter(reviewStep: 2));
        var page = Open();
        var buttons = page.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("Setujui", buttons);
        Assert.DoesNotContain("Kembalikan", buttons);
        Assert.DoesNotContain("Tandatangani", buttons);
        Assert.DoesNotContain("Kirim", buttons);
    }

    [Fact]
    public void The_signer_signs_with_the_password_and_a_wrong_one_is_said_in_Indonesian()
    {
        WithProvider("Local");
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter(reviewStep: 2, signer: MyPosition))
            .On(HttpMethod.Post, $"/api/letters/{_id}/sign", HttpStatusCode.BadRequest,
                """{"status":400,"title":"Bad Request","code":"validation","errors":{"password":["Wrong password."]}}""", "application/problem+json");
        var page = Open();
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Setujui");

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();
        var host = _host!;
        var dialog = host.WaitForElement(".mud-dialog");
        Assert.Contains("Kata sandi", dialog.TextContent, StringComparison.Ordinal);
        host.Find(".mud-dialog input[type=password]").Input("keliru");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();

        host.WaitForAssertion(() => Assert.Contains("Kata sandi salah.", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        var body = Api.Received.Single(r => r.Request.RequestUri!.AbsolutePath.EndsWith("/sign", StringComparison.Ordinal)).Body;
        Assert.Contains("\"password\":\"keliru\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void With_BSrE_the_signer_gives_NIK_and_passphrase_and_a_wrong_passphrase_is_said_in_Indonesian()
    {
        WithProvider("Bsre");
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter(reviewStep: 2, signer: MyPosition))
            .On(HttpMethod.Post, $"/api/letters/{_id}/sign", HttpStatusCode.BadRequest,
                """{"status":400,"title":"Passphrase salah","code":"wrong-passphrase","detail":"Passphrase yang Anda masukkan salah. Surat belum ditandatangani dan tidak mendapat nomor.","errors":{"passphrase":["Passphrase salah."]}}""",
                "application/problem+json");
        var page = Open();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();
        var host = _host!;
        host.WaitForAssertion(() => Assert.Contains("Passphrase", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        var dialog = host.Find(".mud-dialog");
        Assert.Contains("NIK", dialog.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kata sandi", dialog.TextContent, StringComparison.Ordinal);
        var inputs = host.FindAll(".mud-dialog input");
        Assert.Equal(2, inputs.Count);
        inputs[0].Input("3276011203640002");
        host.Find(".mud-dialog input[type=password]").Input("keliru");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();

        host.WaitForAssertion(() => Assert.Contains("Passphrase salah.", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        var body = Api.Received.Single(r => r.Request.RequestUri!.AbsolutePath.EndsWith("/sign", StringComparison.Ordinal)).Body;
        Assert.Contains("\"nik\":\"3276011203640002\"", body, StringComparison.Ordinal);
        Assert.Contains("\"passphrase\":\"keliru\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("password", body, StringComparison.Ordinal);
    }

    [Fact]
    public void With_BSrE_an_unavailable_service_is_explained_to_the_signer()
    {
        WithProvider("Bsre");
        Api.On(HttpMethod.Get, $"/api/letters/{_id}", HttpStatusCode.OK, Letter(reviewStep: 2, signer: MyPosition))
            .On(HttpMethod.Post, $"/api/letters/{_id}/sign", HttpStatusCode.ServiceUnavailable,
                """{"status":503,"title":"Layanan tanda tangan elektronik tidak tersedia","code":"signature-unavailable","detail":"BSrE tidak menjawab dalam 30 detik. Surat belum ditandatangani dan tidak mendapat nomor; coba lagi nanti."}""",
                "application/problem+json");
        var page = Open();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();
        var host = _host!;
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll(".mud-dialog input").Count));
        host.FindAll(".mud-dialog input")[0].Input("3276011203640002");
        host.Find(".mud-dialog input[type=password]").Input("benar");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Tandatangani").Click();

        host.WaitForAssertion(() => Assert.Contains("BSrE tidak menjawab dalam 30 detik", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
    }
}
