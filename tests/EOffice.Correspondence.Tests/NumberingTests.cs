using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Correspondence.Numbering;
using EOffice.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Correspondence.Tests;

public sealed class NumberingTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    [Fact]
    public async Task Fifty_concurrent_signings_in_one_unit_get_numbers_1_to_50_with_no_gap_or_duplicate()
    {
        // A unit of its own in this fixture: Disdukcapil's identity section head signs for the section.
        const string signerTitle = "Kepala Seksi Identitas Penduduk";
        var ids = new List<Guid>();
        using var drafter = await f.As("eka.saputra@eoffice.local");
        for (var i = 0; i < 50; i++)
        {
            var response = await drafter.PostAsJsonAsync("/api/letters", f.Draft(subject: $"Surat ke-{i}", withReviewer: false, signerTitle: signerTitle));
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        var signers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => f.As("andi.kurniawan@eoffice.local")));
        var responses = await Task.WhenAll(ids.Select((id, i) =>
            signers[i].PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password })));

        var failures = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.Content.ReadAsStringAsync()));
        Assert.True(failures.Length == 0, string.Join("\n", failures.Distinct()));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!));
        var sequences = numbers.Select(n => int.Parse(n.Split('/')[^3], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 50), sequences);
        Assert.All(numbers, n => Assert.EndsWith("/DISDUKCAPIL-DAFDUK-IDP/" + DateTime.UtcNow.AddHours(7).Year, n, StringComparison.Ordinal));
        foreach (var s in signers)
        {
            s.Dispose();
        }
    }

    [Fact]
    public async Task A_rolled_back_signing_burns_no_number()
    {
        var db = f.Service.Services.GetRequiredService<Db>();
        const string scope = "letter:test-rollback:2026";

        await using (var uow = await db.BeginAsync())
        {
            Assert.Equal(1, await Counters.NextAsync(uow, scope));
            // no commit: the signing failed after taking its number
        }

        await using (var uow = await db.BeginAsync())
        {
            Assert.Equal(1, await Counters.NextAsync(uow, scope));
            Assert.Equal(2, await Counters.NextAsync(uow, scope));
            await uow.CommitAsync();
        }
    }

    [Fact]
    public async Task A_failed_signing_over_http_burns_no_number()
    {
        const string signerTitle = "Kepala Bidang Mutasi dan Promosi";
        using var drafter = await f.As("dimas.aditya@eoffice.local");
        using var signer = await f.As("wahyu.setiawan@eoffice.local");
        async Task<Guid> Ready()
        {
            var created = await drafter.PostAsJsonAsync("/api/letters", f.Draft(withReviewer: false, signerTitle: signerTitle));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
            return id;
        }

        var first = await Ready();
        var second = await Ready();
        var one = await signer.PostAsJsonAsync($"/api/letters/{first}/sign", new { password = CorrespondenceFixture.Password });
        var failed = await signer.PostAsJsonAsync($"/api/letters/{second}/sign", new { password = "bukan sandi" });
        var two = await signer.PostAsJsonAsync($"/api/letters/{second}/sign", new { password = CorrespondenceFixture.Password });

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.StartsWith("000.1.2/1/BKPSDM-MUTASI/", (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("000.1.2/2/BKPSDM-MUTASI/", (await two.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{classification}/{sequence}/{unitCode}/{year}", "000.1.2/15/DISKOMINFO/2026")]
    [InlineData("{unitCode}/{sequence}/{romanMonth}/{year}", "DISKOMINFO/15/XI/2026")]
    public void Numbers_follow_the_units_format(string format, string expected)
    {
        Assert.True(NumberFormat.IsValid(format));
        Assert.Equal(expected, NumberFormat.Apply(format, "000.1.2", 15, "DISKOMINFO", new DateOnly(2026, 11, 28)));
    }

    [Theory]
    [InlineData("{classification}/{unitCode}/{year}")]
    [InlineData("{sequence}/{nope}")]
    public void A_format_without_a_sequence_or_with_unknown_tokens_is_refused(string format) =>
        Assert.False(NumberFormat.IsValid(format));
}
