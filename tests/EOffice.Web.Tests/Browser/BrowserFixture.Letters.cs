using System.Net;
using EOffice.Testing;

namespace EOffice.Web.Tests.Browser;

/// <summary>Set-up through the API that several browser journeys start from.</summary>
public sealed partial class BrowserFixture
{
    /// <summary>
    /// A Surat Dinas drafted in Diskominfo, reviewed, signed and sent through the API to the head of BKPSDM (the
    /// letter journey itself, in the browser, is LetterJourneyTests); its id and number.
    /// </summary>
    public async Task<(Guid Id, string Number)> SendLetterToBkpsdmAsync(string subject, string summary, string body, string urgency)
    {
        using var admin = Platform.As(await Platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = Platform.As(await Platform.LoginAsync("199512042020121003"));
        using var reviewer = Platform.As(await Platform.LoginAsync("lina.marlina@eoffice.local"));
        using var signer = Platform.As(await Platform.LoginAsync("yusuf.maulana@eoffice.local"));
        var created = await drafter.PostJsonAsync("/api/letters", new
        {
            type = "Surat Dinas",
            subject,
            summary,
            body,
            classificationCode = "800.1",
            security = "Biasa",
            urgency,
            to = new[] { new { positionId = positions["Kepala Badan Kepegawaian dan Pengembangan SDM"] } },
            cc = Array.Empty<object>(),
            reviewers = new[] { positions["Kepala Seksi Pengembangan Aplikasi"] },
            signerPositionId = positions["Kepala Bidang Aplikasi Informatika"],
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await drafter.PostJsonAsync($"/api/letters/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).StatusCode);
        var signed = await signer.PostJsonAsync($"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var number = (await signed.ReadJsonAsync()).Text("number")!;
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{id}/send", new { })).StatusCode);
        return (id, number);
    }
}
