using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Through the gateway: an admin delegates signing; a Sekretaris signs a Surat Dinas a.n. the Kepala Dinas (numbered in the
/// Kepala's unit, named "a.n." on the letter, the inbox and /verify); then recalls it before it is read, and the addressee's
/// inbox entry and notification are gone.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DelegationRecallScenarioTests(PlatformFixture platform)
{
    private const string AsAn = "a.n. Kepala Dinas Komunikasi dan Informatika, Sekretaris Dinas Komunikasi dan Informatika";

    [Fact]
    public async Task A_Sekretaris_signs_a_n_the_Kepala_Dinas_by_delegation_and_recalls_the_letter_before_it_is_read()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = platform.As(await platform.LoginAsync("fajar.nugroho@eoffice.local"));
        using var sekretaris = platform.As(await platform.LoginAsync("ratna.wulandari@eoffice.local"));
        using var addressee = platform.As(await platform.LoginAsync("imam.santoso@eoffice.local"));
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);
        async Task<int> Unread() => (await addressee.GetJsonAsync("/api/notifications/unread-count")).GetProperty("count").GetInt32();
        var before = await Unread();

        var delegation = await admin.PostJsonAsync("/api/delegations", new
        {
            fromPositionId = positions["Kepala Dinas Komunikasi dan Informatika"],
            toPositionId = positions["Sekretaris Dinas Komunikasi dan Informatika"],
            kind = "an",
            letterTypes = new[] { "Surat Dinas" },
            from = today,
            to = today.AddDays(7),
        });
        Assert.Equal(HttpStatusCode.Created, delegation.StatusCode);
        var created = await drafter.PostJsonAsync("/api/letters", new
        {
            type = "Surat Dinas",
            subject = "Undangan sosialisasi tanda tangan elektronik",
            summary = "Undangan",
            body = "Dengan hormat, kami mengundang Bapak/Ibu.",
            classificationCode = "000.1.2",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = positions["Kepala Badan Kepegawaian dan Pengembangan SDM"] } },
            cc = Array.Empty<object>(),
            reviewers = Array.Empty<Guid>(),
            signerPositionId = positions["Sekretaris Dinas Komunikasi dan Informatika"],
            onBehalfOfPositionId = positions["Kepala Dinas Komunikasi dan Informatika"],
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await drafter.PostJsonAsync($"/api/letters/{id}/submit", new { })).StatusCode);
        var signed = await sekretaris.PostJsonAsync($"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var signature = await signed.ReadJsonAsync();
        Assert.Matches(@"^000\.1\.2/\d+/DISKOMINFO/20\d\d$", signature.Text("number"));
        Assert.Equal(HttpStatusCode.OK, (await sekretaris.PostJsonAsync($"/api/letters/{id}/send", new { })).StatusCode);

        var inbox = await addressee.GetJsonAsync("/api/mailbox/inbox?q=sosialisasi");
        Assert.Equal(AsAn, inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).Text("from"));
        var verified = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/verify/{signature.Text("verificationCode")}");
        Assert.Equal(AsAn, verified.Text("signerPosition"));
        await Eventually.HoldsAsync(async () => await Unread() == before + 1, "the addressee was told the letter arrived");

        var recalled = await sekretaris.PostJsonAsync($"/api/letters/{id}/recall", new { reason = "Tanggal acara keliru" });

        Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        Assert.Equal("Recalled", (await recalled.ReadJsonAsync()).Text("status"));
        var after = await addressee.GetJsonAsync("/api/mailbox/inbox?q=sosialisasi");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await addressee.GetAsync(new Uri($"/api/letters/{id}", UriKind.Relative))).StatusCode);
        await Eventually.HoldsAsync(async () => await Unread() == before, "the recall withdrew the addressee's notification");
        var timeline = (await sekretaris.GetJsonAsync($"/api/letters/{id}/timeline")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Tanggal acara keliru", timeline.Single(e => e.Text("action") == "recalled").GetProperty("detail").Text("reason"));
    }
}
