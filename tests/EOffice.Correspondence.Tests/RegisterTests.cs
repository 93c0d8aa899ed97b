using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Correspondence.Numbering;
using EOffice.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Correspondence.Tests;

/// <summary>Numbering registers: a document type numbered per unit (default) or in one register for its agency.</summary>
public sealed class RegisterTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string Admin = "admin@eoffice.local";

    private static int Year => DateTime.UtcNow.AddHours(7).Year;

    private object Draft(string type, string subject, string signerTitle) => new
    {
        type,
        subject,
        classificationCode = "800.1",
        security = "Biasa",
        urgency = "Biasa",
        to = new[] { new { positionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
        signerPositionId = f.Position(signerTitle),
    };

    private async Task<Guid> SubmittedAsync(HttpClient drafter, object draft)
    {
        var created = await drafter.PostAsJsonAsync("/api/letters", draft);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<JsonElement> TypeAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/letter-types")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Twenty_concurrent_signings_across_two_sections_of_one_agency_take_consecutive_numbers_from_its_one_register()
    {
        using var admin = await f.As(Admin);
        var created = await admin.PostAsJsonAsync("/api/letter-types", new { code = "Surat Keputusan", name = "Surat Keputusan (decree)", numberingScope = "agency" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("agency", (await TypeAsync(admin, "Surat Keputusan")).GetProperty("numberingScope").GetString());

        // Two sections of Diskominfo, each drafting and signing its own letters.
        var sections = new[]
        {
            (Drafter: "fajar.nugroho@eoffice.local", Signer: "lina.marlina@eoffice.local", Title: "Kepala Seksi Pengembangan Aplikasi"),
            (Drafter: "intan.permatasari@eoffice.local", Signer: "teguh.prasetyo@eoffice.local", Title: "Kepala Seksi Pengelolaan Informasi Publik"),
        };
        var work = new List<(Guid Id, string Signer)>();
        foreach (var s in sections)
        {
            using var drafter = await f.As(s.Drafter);
            for (var i = 0; i < 10; i++)
            {
                work.Add((await SubmittedAsync(drafter, Draft("Surat Keputusan", $"Keputusan {s.Title} ke-{i}", s.Title)), s.Signer));
            }
        }

        var signers = await Task.WhenAll(work.Select(w => f.As(w.Signer)));
        var responses = await Task.WhenAll(work.Select((w, i) =>
            signers[i].PostAsJsonAsync($"/api/letters/{w.Id}/sign", new { password = CorrespondenceFixture.Password })));

        var failures = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.Content.ReadAsStringAsync()));
        Assert.True(failures.Length == 0, string.Join("\n", failures.Distinct()));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!));
        Assert.Equal(Enumerable.Range(1, 20), numbers.Select(n => int.Parse(n.Split('/')[^3], CultureInfo.InvariantCulture)).Order());
        Assert.All(numbers, n => Assert.EndsWith($"/DISKOMINFO/{Year}", n, StringComparison.Ordinal));
        // Both sections drew from the one register.
        Assert.Equal(2, await f.ScalarAsync<long>(
            "select count(distinct unit_id) from correspondence.letters where type = 'Surat Keputusan' and number_scope = @scope",
            new { scope = NumberFormat.Scope("letter", f.Units["DISKOMINFO"], Year) }));
        foreach (var s in signers)
        {
            s.Dispose();
        }
    }

    [Fact]
    public async Task A_change_of_scope_starts_with_next_years_register_and_never_mid_year()
    {
        using var admin = await f.As(Admin);
        var changed = await admin.PutAsJsonAsync("/api/letter-types/Nota Dinas", new { name = "Nota Dinas (internal memo)", numberingScope = "agency" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        var type = await TypeAsync(admin, "Nota Dinas");
        Assert.Equal("unit", type.GetProperty("numberingScope").GetString());
        Assert.Equal("agency", type.GetProperty("nextNumberingScope").GetProperty("scope").GetString());
        Assert.Equal(Year + 1, type.GetProperty("nextNumberingScope").GetProperty("fromYear").GetInt32());

        // This year a Nota Dinas is still numbered in its unit's register...
        using var drafter = await f.As("eka.saputra@eoffice.local");
        using var signer = await f.As("andi.kurniawan@eoffice.local");
        var id = await SubmittedAsync(drafter, Draft("Nota Dinas", "Laporan pelayanan KTP", "Kepala Seksi Identitas Penduduk"));
        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.EndsWith($"/DISDUKCAPIL-DAFDUK-IDP/{Year}", (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString(),
            StringComparison.Ordinal);

        // ...and from the first of January on, in its agency's.
        var db = f.Service.Services.GetRequiredService<Db>();
        await using (var uow = await db.BeginAsync())
        {
            var now = await Registers.ForAsync(uow, "Nota Dinas", f.Units["DISDUKCAPIL-DAFDUK-IDP"], "DISDUKCAPIL-DAFDUK-IDP", new DateOnly(Year, 12, 31));
            var next = await Registers.ForAsync(uow, "Nota Dinas", f.Units["DISDUKCAPIL-DAFDUK-IDP"], "DISDUKCAPIL-DAFDUK-IDP", new DateOnly(Year + 1, 1, 1));
            Assert.Equal(NumberFormat.Scope("letter", f.Units["DISDUKCAPIL-DAFDUK-IDP"], Year), now.Scope);
            Assert.Equal(NumberFormat.Scope("letter", f.Units["DISDUKCAPIL"], Year + 1), next.Scope);
            Assert.Equal("DISDUKCAPIL", next.UnitCode);
        }

        // Asking for the scope in force now cancels the pending change; an unknown scope is a 400 that changes nothing.
        var bad = await admin.PutAsJsonAsync("/api/letter-types/Nota Dinas", new { name = "Nota Dinas (internal memo)", numberingScope = "city" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("numberingScope", out _));
        Assert.Equal("agency", (await TypeAsync(admin, "Nota Dinas")).GetProperty("nextNumberingScope").GetProperty("scope").GetString());
        (await admin.PutAsJsonAsync("/api/letter-types/Nota Dinas", new { name = "Nota Dinas (internal memo)", numberingScope = "unit" })).EnsureSuccessStatusCode();
        Assert.Equal(JsonValueKind.Null, (await TypeAsync(admin, "Nota Dinas")).GetProperty("nextNumberingScope").ValueKind);
    }

    [Fact]
    public async Task Only_an_admin_changes_a_types_numbering_scope()
    {
        using var staff = await f.As(CorrespondenceFixture.Drafter);
        var refused = await staff.PutAsJsonAsync("/api/letter-types/Laporan", new { name = "Laporan (report)", numberingScope = "agency" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData(2026, "unit")]
    [InlineData(2027, "agency")]
    [InlineData(2030, "agency")]
    public void The_scope_in_force_is_the_latest_change_not_after_the_year(int year, string expected) =>
        Assert.Equal(expected, NumberingScopes.InForce([(2027, "agency")], year));
}
