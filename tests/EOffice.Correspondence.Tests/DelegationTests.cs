using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.ServiceDefaults.Text;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

/// <summary>Correspondence whose clock the tests move (a delegation's end date passes).</summary>
public sealed class MovableClockFixture : CorrespondenceFixture
{
    public MovableClockFixture() => Service.Time = Clock;

    /// <summary>The service's clock.</summary>
    public MovableTime Clock { get; } = new();
}

/// <summary>
/// Signing a.n./u.b. by delegation: recorded by an admin, checked at drafting and again at signing, shown
/// wherever the signer is shown, numbered in the delegator's unit.
/// </summary>
public sealed class DelegationTests(MovableClockFixture f) : IClassFixture<MovableClockFixture>
{
    private const string Admin = "admin@eoffice.local";
    private const string Sekretaris = "ratna.wulandari@eoffice.local";
    private const string Kepala = "Kepala Dinas Komunikasi dan Informatika";
    private const string SekretarisTitle = "Sekretaris Dinas Komunikasi dan Informatika";
    private const string AsAn = "a.n. " + Kepala + ", " + SekretarisTitle;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Indonesian.CityOffset).DateTime);

    private async Task<HttpResponseMessage> DelegateAsync(object body)
    {
        using var admin = await f.As(Admin);
        return await admin.PostAsJsonAsync("/api/delegations", body);
    }

    private async Task<Guid> DelegationAsync(string[] letterTypes, DateOnly from, DateOnly to, string kind = "an")
    {
        var response = await DelegateAsync(new
        {
            fromPositionId = f.Position(Kepala),
            toPositionId = f.Position(SekretarisTitle),
            kind,
            letterTypes,
            from,
            to,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task RevokeAsync(Guid id)
    {
        using var admin = await f.As(Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/delegations/{id}")).StatusCode);
    }

    private object Draft(string subject, string type = "Surat Dinas", bool onBehalf = true) => new
    {
        type,
        subject,
        summary = "Penyampaian jadwal",
        body = "Dengan hormat, bersama ini kami sampaikan jadwal pemeliharaan jaringan.",
        classificationCode = "000.1.2",
        security = "Biasa",
        urgency = "Biasa",
        to = new[] { new { positionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
        cc = Array.Empty<object>(),
        reviewers = Array.Empty<Guid>(),
        signerPositionId = f.Position(SekretarisTitle),
        onBehalfOfPositionId = onBehalf ? f.Position(Kepala) : (Guid?)null,
    };

    private async Task<Guid> SubmittedAsync(string subject)
    {
        var id = await f.CreateAsync(Draft(subject));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<HttpResponseMessage> SignAsync(Guid id)
    {
        using var signer = await f.As(Sekretaris);
        return await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
    }

    [Fact]
    public async Task A_Sekretaris_signs_a_Surat_Dinas_an_the_Kepala_Dinas_numbered_in_his_unit_and_named_so_everywhere()
    {
        var delegation = await DelegationAsync(["Surat Dinas"], Today, Today.AddDays(5));
        try
        {
            var id = await SubmittedAsync("Jadwal pemeliharaan jaringan atas nama");
            var signed = await SignAsync(id);
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            var result = await signed.ReadJsonAsync();
            using var sekretaris = await f.As(Sekretaris);
            (await sekretaris.PostAsync($"/api/letters/{id}/send", null)).EnsureSuccessStatusCode();
            using var addressee = await f.As(CorrespondenceFixture.Addressee);
            using var anonymous = f.Service.CreateClient();
            var code = result.GetProperty("verificationCode").GetString();

            var letter = await sekretaris.GetJsonAsync($"/api/letters/{id}");
            var timeline = await sekretaris.GetJsonAsync($"/api/letters/{id}/timeline");
            var verified = await anonymous.GetJsonAsync($"/verify/{code}");
            using var page = new HttpRequestMessage(HttpMethod.Get, $"/verify/{code}");
            page.Headers.Accept.ParseAdd("text/html");
            var html = await (await anonymous.SendAsync(page)).Content.ReadAsStringAsync();
            var inbox = await addressee.GetJsonAsync("/api/mailbox/inbox?q=pemeliharaan");
            var pdf = await PdfTools.WordsAsync(await addressee.GetByteArrayAsync($"/api/letters/{id}/document"));
            var nip = await f.ScalarAsync<string>("select nip from correspondence.org_users where email = @e", new { e = Sekretaris });

            Assert.EndsWith($"/DISKOMINFO/{Today.Year}", result.GetProperty("number").GetString(), StringComparison.Ordinal);
            Assert.Equal(AsAn, letter.GetProperty("signer").GetProperty("title").GetString());
            Assert.Equal("an", letter.GetProperty("onBehalfOf").GetProperty("kind").GetString());
            Assert.Equal(Kepala, letter.GetProperty("onBehalfOf").GetProperty("title").GetString());
            var entry = timeline.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "signed");
            Assert.Equal(AsAn, entry.GetProperty("actor").GetProperty("title").GetString());
            Assert.Equal(AsAn, verified.GetProperty("signerPosition").GetString());
            Assert.Contains(AsAn, html);
            Assert.Equal(AsAn, inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("letterId").GetGuid() == id).GetProperty("from").GetString());
            // Permendagri: "a.n. Kepala Dinas …," above "Sekretaris …,", then the name and NIP.
            Assert.Contains($"a.n. {Kepala}, {SekretarisTitle}, Ratna Wulandari NIP {nip}", pdf);
        }
        finally
        {
            await RevokeAsync(delegation);
        }
    }

    [Fact]
    public async Task After_the_delegation_ends_the_same_signing_is_refused_with_403()
    {
        var delegation = await DelegationAsync(["Surat Dinas"], Today, Today.AddDays(1));
        try
        {
            var id = await SubmittedAsync("Jadwal yang menunggu terlalu lama");
            f.Clock.Advance(TimeSpan.FromDays(2));
            HttpResponseMessage refused;
            try
            {
                refused = await SignAsync(id);
            }
            finally
            {
                f.Clock.Reset();
            }

            var problem = await refused.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains($"telah berakhir pada {Indonesian.Date(Today.AddDays(1))}", problem.GetProperty("detail").GetString());
            using var drafter = await f.As(CorrespondenceFixture.Drafter);
            var letter = await drafter.GetJsonAsync($"/api/letters/{id}");
            Assert.Equal("InReview", letter.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, letter.GetProperty("number").ValueKind);
        }
        finally
        {
            await RevokeAsync(delegation);
        }
    }

    [Fact]
    public async Task A_delegation_for_another_letter_type_does_not_let_the_Sekretaris_sign_for_the_Kepala()
    {
        var delegation = await DelegationAsync(["Nota Dinas"], Today, Today.AddDays(5));
        try
        {
            using var drafter = await f.As(CorrespondenceFixture.Drafter);
            var refused = await drafter.PostAsJsonAsync("/api/letters", Draft("Surat dinas tanpa pendelegasian"));
            var problem = await refused.ReadJsonAsync();

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty("onBehalfOfPositionId", out _), problem.ToString());
        }
        finally
        {
            await RevokeAsync(delegation);
        }
    }

    [Fact]
    public async Task Without_naming_the_Kepala_the_Sekretaris_may_not_sign_a_letter_of_another_division()
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var refused = await drafter.PostAsJsonAsync("/api/letters", Draft("Surat tanpa atas nama", onBehalf: false));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("signerPositionId", out _));
    }

    [Fact]
    public async Task The_signer_lists_their_delegations_and_only_an_admin_records_them()
    {
        var delegation = await DelegationAsync(["Surat Dinas", "Nota Dinas"], Today, Today.AddDays(3), kind: "ub");
        try
        {
            using var sekretaris = await f.As(Sekretaris);
            var mine = await sekretaris.GetJsonAsync("/api/delegations/mine");
            var listed = Assert.Single(mine.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == delegation);
            Assert.Equal(Kepala, listed.GetProperty("fromTitle").GetString());
            Assert.Equal("ub", listed.GetProperty("kind").GetString());

            // The Kepala (no admin) sees it among those they granted; the Sekretaris granted none.
            using var kepala = await f.As("hendra.gunawan@eoffice.local");
            var granted = Assert.Single((await kepala.GetJsonAsync("/api/delegations/granted")).GetProperty("items").EnumerateArray(),
                d => d.GetProperty("id").GetGuid() == delegation);
            Assert.Equal(Kepala, granted.GetProperty("fromTitle").GetString());
            Assert.DoesNotContain((await sekretaris.GetJsonAsync("/api/delegations/granted")).GetProperty("items").EnumerateArray(),
                d => d.GetProperty("id").GetGuid() == delegation);

            Assert.Equal(HttpStatusCode.Forbidden, (await sekretaris.PostAsJsonAsync("/api/delegations", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await sekretaris.GetAsync("/api/delegations")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await sekretaris.DeleteAsync($"/api/delegations/{delegation}")).StatusCode);
        }
        finally
        {
            await RevokeAsync(delegation);
        }
    }

    [Theory]
    [InlineData("fromPositionId")]
    [InlineData("kind")]
    [InlineData("letterTypes")]
    [InlineData("to")]
    public async Task A_bad_delegation_is_a_400_naming_the_field_and_records_nothing(string field)
    {
        var before = await f.ScalarAsync<long>("select count(*) from correspondence.delegations");
        var response = await DelegateAsync(new
        {
            fromPositionId = field == "fromPositionId" ? Guid.NewGuid() : f.Position(Kepala),
            toPositionId = f.Position(SekretarisTitle),
            kind = field == "kind" ? "pj" : "an",
            letterTypes = field == "letterTypes" ? new[] { "Surat Cinta" } : ["Surat Dinas"],
            from = Today.AddDays(3),
            to = field == "to" ? Today.AddDays(1) : Today.AddDays(4),
        });
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await f.ScalarAsync<long>("select count(*) from correspondence.delegations"));
    }
}
