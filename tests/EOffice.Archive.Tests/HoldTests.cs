using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Archive.Tests;

/// <summary>Holds placed and lifted with reasons, shown to whoever sees the record; classification codes added once.</summary>
public sealed class HoldTests(ArchiveFixture f) : IClassFixture<ArchiveFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_hold_is_placed_and_lifted_with_reasons_that_everyone_who_sees_the_record_reads()
    {
        var tag = "h" + Guid.NewGuid().ToString("N")[..8];
        var letter = await f.SendAsync($"800.1.11/{tag}/DISKOMINFO-APTIKA/2026", "Bukti pemeriksaan " + tag, "Isi " + tag);
        var record = await f.ScalarAsync<Guid>("select id from archive.records where letter_id = @letter and unit_id = @unit", new { letter, unit = f.SenderUnit });
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var addressee = await f.As(ArchiveFixture.Addressee);
        using var stranger = await f.As(ArchiveFixture.Stranger);

        var noReason = await archivist.PostAsJsonAsync($"/api/records/{record}/hold", new { reason = " " });
        var byStaff = await addressee.PostAsJsonAsync($"/api/records/{record}/hold", new { reason = "Saya ingin" });
        var placed = await archivist.PostAsJsonAsync($"/api/records/{record}/hold", new { reason = "Perkara 7/Pdt/2026" });
        var liftWithoutReason = await archivist.DeleteAsync($"/api/records/{record}/hold");
        var heldForAll = await addressee.GetFromJsonAsync<JsonElement>($"/api/records/{record}");
        var lifted = await archivist.DeleteAsync($"/api/records/{record}/hold?reason=Perkara%20selesai");
        var liftAgain = await archivist.DeleteAsync($"/api/records/{record}/hold?reason=Lagi");
        var history = await addressee.GetFromJsonAsync<JsonElement>($"/api/records/{record}/holds");
        var strangers = await stranger.GetAsync($"/api/records/{record}/holds");

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await Json(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, liftWithoutReason.StatusCode);
        Assert.True(heldForAll.GetProperty("hold").GetBoolean());
        Assert.Equal("Perkara 7/Pdt/2026", heldForAll.GetProperty("holdReason").GetString());
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        var after = await Json(lifted);
        Assert.False(after.GetProperty("hold").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("holdReason").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, liftAgain.StatusCode);
        var events = history.EnumerateArray().ToList();
        Assert.Equal(["Lifted", "Placed"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["Perkara selesai", "Perkara 7/Pdt/2026"], events.Select(e => e.GetProperty("reason").GetString()));
        Assert.All(events, e => Assert.Equal("Agus Salim", e.GetProperty("byName").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
    }

    [Fact]
    public async Task An_archivist_adds_a_code_once_and_edits_its_rule()
    {
        using var archivist = await f.As(ArchiveFixture.Archivist);
        var code = $"000.9.{Random.Shared.Next(1000, 9999)}";
        await archivist.PostAsJsonAsync("/api/classifications", new { code = "000.9", parentCode = "000", title = "Lain-lain" });

        var created = await archivist.PostAsJsonAsync("/api/classifications", new { code, parentCode = "000.9", title = "Uji", activeYears = 2, inactiveYears = 3, finalDisposition = "Destroy" });
        var again = await archivist.PostAsJsonAsync("/api/classifications", new { code, parentCode = "000.9", title = "Uji lagi" });
        var edited = await archivist.PutAsJsonAsync($"/api/classifications/{code}", new { parentCode = "000.9", title = "Uji diubah", activeYears = 1, inactiveYears = 9, finalDisposition = "Permanent" });
        var badParent = await archivist.PutAsJsonAsync($"/api/classifications/{code}", new { parentCode = "100", title = "Salah induk" });
        var tree = await archivist.GetFromJsonAsync<JsonElement>("/api/classifications");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badParent.StatusCode);
        var node = tree.EnumerateArray().Single(n => n.GetProperty("code").GetString() == "000").GetProperty("children").EnumerateArray()
            .Single(n => n.GetProperty("code").GetString() == "000.9").GetProperty("children").EnumerateArray()
            .Single(n => n.GetProperty("code").GetString() == code);
        Assert.Equal("Uji diubah", node.GetProperty("title").GetString());
        Assert.Equal(9, node.GetProperty("inactiveYears").GetInt32());
        Assert.Equal("Permanent", node.GetProperty("finalDisposition").GetString());
        Assert.Equal(1, await f.ScalarAsync<int>(
            "select count(*)::int from archive.audit_log where action = 'classification-updated' and detail ->> 'code' = @code", new { code }));
    }
}
