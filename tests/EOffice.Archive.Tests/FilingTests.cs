using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Archive.Filing;

namespace EOffice.Archive.Tests;

public sealed class FilingTests(ArchiveFixture f) : IClassFixture<ArchiveFixture>
{
    private const string Colleague = "nadia.rahmawati@eoffice.local"; // Pranata Komputer Terampil, Seksi PA: in no fixture letter
    private const string SectionHead = "lina.marlina@eoffice.local";  // Kepala Seksi PA, same unit

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static string Unique() => "u" + Guid.NewGuid().ToString("N")[..10];

    private async Task<Guid> RecordAsync(string classification, Guid unit, string recipient = "Kepala Dinas Kependudukan dan Pencatatan Sipil")
    {
        var letter = await f.SendAsync($"{classification}/{Unique()}/DISKOMINFO-APTIKA/2026", "Berkas " + classification, "Isi", classification: classification,
            recipient: recipient);
        return await f.ScalarAsync<Guid>("select id from archive.records where letter_id = @letter and unit_id = @unit", new { letter, unit });
    }

    private static async Task<Guid> CreateFileAsync(HttpClient client, string classification, Guid? unitId = null)
    {
        var created = await client.PostAsJsonAsync("/api/files", new { classificationCode = classification, description = "Berkas uji " + classification, unitId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await Json(created)).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("000.1", "000.1", true)]
    [InlineData("000.1", "000.1.2", true)]
    [InlineData("000.1", "000.1.2.3", true)]
    [InlineData("000.1", "000.2", false)]
    [InlineData("000.1", "000.10", false)]
    [InlineData("000.1", "000", false)]
    public void A_file_takes_its_own_classification_and_its_sub_codes(string file, string record, bool takes) =>
        Assert.Equal(takes, FileRules.Takes(file, record));

    [Fact]
    public async Task A_file_takes_records_of_its_classification_and_sub_codes_and_refuses_another_code_naming_the_field()
    {
        using var archivist = await f.As(ArchiveFixture.Archivist);
        var file = await CreateFileAsync(archivist, "000.1", f.SenderUnit);
        var own = await RecordAsync("000.1", f.SenderUnit);
        var sub = await RecordAsync("000.1.2", f.SenderUnit);
        var other = await RecordAsync("000.5", f.SenderUnit);

        var filed = await archivist.PostAsJsonAsync($"/api/files/{file}/records", new { recordIds = new[] { own, sub } });
        var refused = await archivist.PostAsJsonAsync($"/api/files/{file}/records", new { recordIds = new[] { other } });
        var unknownCode = await archivist.PostAsJsonAsync("/api/files", new { classificationCode = "000.77", description = "Tidak ada", unitId = f.SenderUnit });

        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Equal(2, (await Json(filed)).GetProperty("filed").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await Json(refused)).GetProperty("errors").GetProperty("recordIds")[0].GetString();
        Assert.Contains("000.5", message, StringComparison.Ordinal);
        Assert.Null(await f.ScalarAsync<Guid?>("select file_id from archive.records where id = @other", new { other }));
        Assert.Equal(HttpStatusCode.BadRequest, unknownCode.StatusCode);
        Assert.True((await Json(unknownCode)).GetProperty("errors").TryGetProperty("classificationCode", out _));
    }

    [Fact]
    public async Task Filing_needs_the_record_to_be_visible_to_the_caller_and_a_file_shows_only_the_records_they_may_see()
    {
        var unit = f.Units["DISKOMINFO-APTIKA-PA"];
        var record = await RecordAsync("000.1.2", unit, recipient: "Kepala Seksi Pengembangan Aplikasi"); // involves the section head, not the colleague
        using var colleague = await f.As(Colleague);
        using var sectionHead = await f.As(SectionHead);
        var file = await CreateFileAsync(colleague, "000.1");

        var byColleague = await colleague.PostAsJsonAsync($"/api/files/{file}/records", new { recordIds = new[] { record } });
        var bySectionHead = await sectionHead.PostAsJsonAsync($"/api/files/{file}/records", new { recordIds = new[] { record } });
        var seenByColleague = await colleague.GetFromJsonAsync<JsonElement>($"/api/files/{file}");
        var seenBySectionHead = await sectionHead.GetFromJsonAsync<JsonElement>($"/api/files/{file}");

        Assert.Equal(HttpStatusCode.NotFound, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySectionHead.StatusCode);
        Assert.Empty(seenByColleague.GetProperty("records").EnumerateArray());
        Assert.Equal(0, seenByColleague.GetProperty("recordCount").GetInt32());
        Assert.Equal(record, Assert.Single(seenBySectionHead.GetProperty("records").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(1, seenBySectionHead.GetProperty("recordCount").GetInt32());
    }

    [Fact]
    public async Task Files_are_listed_in_pages_and_read_by_id_by_their_unit_and_agency_archivists_only()
    {
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var unitHead = await f.As(ArchiveFixture.Signer);     // Kepala Bidang Aplikasi Informatika: the sender unit
        using var otherArchivist = await f.As(ArchiveFixture.RecipientArchivist);
        using var stranger = await f.As(ArchiveFixture.Stranger);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateFileAsync(archivist, "000.1", f.SenderUnit));
        }

        var record = await RecordAsync("000.1.2", f.SenderUnit);
        Assert.Equal(HttpStatusCode.OK, (await archivist.PostAsJsonAsync($"/api/files/{ids[0]}/records", new { recordIds = new[] { record } })).StatusCode);

        async Task<List<JsonElement>> AllAsync(HttpClient client, string query)
        {
            var all = new List<JsonElement>();
            string? next = null;
            do
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"/api/files?limit=2&{query}" + (next is null ? "" : "&after=" + next));
                var items = page.GetProperty("items").EnumerateArray().ToList();
                Assert.True(items.Count <= 2);
                all.AddRange(items);
                next = page.GetProperty("next").GetString();
            }
            while (next is not null);
            return all;
        }

        var byArchivist = await AllAsync(archivist, $"unitId={f.SenderUnit}");
        var byUnitHead = await AllAsync(unitHead, "");
        var byOtherArchivist = await AllAsync(otherArchivist, "");
        var detail = await unitHead.GetFromJsonAsync<JsonElement>($"/api/files/{ids[0]}");

        Assert.Equal(byArchivist.Count, byArchivist.Select(x => x.GetProperty("id").GetGuid()).Distinct().Count());
        Assert.Subset(byArchivist.Select(x => x.GetProperty("id").GetGuid()).ToHashSet(), ids.ToHashSet());
        Assert.Subset(byUnitHead.Select(x => x.GetProperty("id").GetGuid()).ToHashSet(), ids.ToHashSet());
        Assert.DoesNotContain(byOtherArchivist, x => ids.Contains(x.GetProperty("id").GetGuid()));
        Assert.Equal(record, Assert.Single(detail.GetProperty("records").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("000.1", detail.GetProperty("classificationCode").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/files/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherArchivist.GetAsync($"/api/files/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await archivist.GetAsync("/api/files?after=garbage")).StatusCode);
    }

    [Fact]
    public async Task Disposal_proposals_are_listed_in_pages_for_the_agencys_archivists_and_read_by_id()
    {
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var otherArchivist = await f.As(ArchiveFixture.RecipientArchivist);
        using var staff = await f.As(ArchiveFixture.Signer);
        var proposals = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var letter = await f.SendAsync($"000.1.2/{Unique()}/DISKOMINFO-APTIKA/2015", "Usul musnah", "Isi", classification: "000.1.2", date: new DateOnly(2015, 3, 1));
            var record = await f.ScalarAsync<Guid>("select id from archive.records where letter_id = @letter and unit_id = @unit", new { letter, unit = f.SenderUnit });
            var created = await archivist.PostAsJsonAsync("/api/disposal-proposals", new { recordIds = new[] { record } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            proposals.Add((await Json(created)).GetProperty("id").GetGuid());
        }

        var first = await archivist.GetFromJsonAsync<JsonElement>("/api/disposal-proposals?limit=2&status=Proposed");
        var second = await archivist.GetFromJsonAsync<JsonElement>("/api/disposal-proposals?limit=2&status=Proposed&after=" + first.GetProperty("next").GetString());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        var byOtherAgency = await otherArchivist.GetFromJsonAsync<JsonElement>("/api/disposal-proposals");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(proposals.AsEnumerable().Reverse(), listed.Select(p => p.GetProperty("id").GetGuid()).Where(proposals.Contains));
        Assert.All(listed, p => Assert.Equal(1, p.GetProperty("recordCount").GetInt32()));
        Assert.DoesNotContain(byOtherAgency.GetProperty("items").EnumerateArray(), p => proposals.Contains(p.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync($"/api/disposal-proposals/{proposals[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherArchivist.GetAsync($"/api/disposal-proposals/{proposals[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/disposal-proposals")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await archivist.GetAsync("/api/disposal-proposals?status=Dimusnahkan")).StatusCode);
    }
}
