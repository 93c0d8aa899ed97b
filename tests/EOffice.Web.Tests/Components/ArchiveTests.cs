using System.Net;
using Bunit;
using EOffice.Web.Pages;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

public sealed class ArchiveTests : AppContext
{
    private readonly Guid _record = Guid.CreateVersion7();

    public ArchiveTests()
    {
        Api.On(HttpMethod.Get, "/api/org/units", HttpStatusCode.OK, "[]")
            .On(HttpMethod.Get, "/api/classifications", HttpStatusCode.OK, """[{"code":"000","title":"Umum","children":[]}]""")
            .On(HttpMethod.Get, "/api/records", HttpStatusCode.OK,
                $$"""
                {"items":[{"id":"{{_record}}","letterId":"{{Guid.CreateVersion7()}}","direction":"Incoming","number":"005/12/BAPPEDA/2026","type":null,
                  "subject":"Undangan rapat anggaran","summary":null,"unitId":"{{Guid.Empty}}","classificationCode":"000","security":"Biasa","date":"2026-12-01",
                  "state":"Active","activeUntil":"2028-12-31","inactiveUntil":"2033-12-31","finalDisposition":"Destroy","hold":false,"holdReason":null,
                  "fileId":null,"destroyedAt":null,"rank":0.5}],"next":"abc"}
                """);
    }

    [Fact]
    public void Typing_searches_after_a_pause_and_marks_the_words_found()
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Archive>(1);
            b.CloseComponent();
        });
        host.WaitForAssertion(() => Assert.Contains("Undangan rapat anggaran", host.Markup, StringComparison.Ordinal));

        host.Find("#archive-q").Input("anggaran");

        host.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.RequestUri!.Query.Contains("q=anggaran", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(3));
        host.WaitForAssertion(() => Assert.Contains("<mark>anggaran</mark>", host.Find("#archive-results").InnerHtml, StringComparison.Ordinal));
        Assert.Contains(host.FindAll("button"), b => b.TextContent.Trim() == "Muat lagi");
        Assert.Contains($"/arsip/{_record}", host.Markup, StringComparison.Ordinal);
    }
}
