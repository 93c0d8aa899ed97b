using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Testing;

namespace EOffice.Archive.Tests;

/// <summary>A recalled letter's records stay, marked recalled, and only the units' archivists find them.</summary>
public sealed class RecallTests(ArchiveFixture f) : IClassFixture<ArchiveFixture>
{
    private static string Unique() => "r" + Guid.NewGuid().ToString("N")[..10];

    private async Task<List<JsonElement>> SearchAsync(string user, string word)
    {
        using var client = await f.As(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/records?q=" + word);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private Task RecallAsync(Guid id) =>
        f.PublishAsync(new LetterRecalled(id, "800/9/DISKOMINFO-APTIKA/2026", f.Position("Kepala Bidang Aplikasi Informatika"), "Salah alamat",
            [f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil")], DateTimeOffset.UtcNow));

    private Task<int> RecalledAsync(Guid id) =>
        f.ScalarAsync<int>("select count(*)::int from archive.records where letter_id = @id and recalled_at is not null", new { id });

    [Fact]
    public async Task A_recalled_letters_records_are_marked_and_hidden_from_recipients_and_the_secretariat_but_not_the_archivists()
    {
        var word = Unique();
        var id = await f.SendAsync("800/" + Random.Shared.Next(1000, 9999) + "/DISKOMINFO-APTIKA/2026", "Undangan ditarik", $"Isi dengan kata {word}.");
        Assert.NotEmpty(await SearchAsync(ArchiveFixture.Addressee, word));

        await RecallAsync(id);
        await Eventually.HoldsAsync(async () => await RecalledAsync(id) == 2, "both records were marked recalled");

        Assert.Empty(await SearchAsync(ArchiveFixture.Addressee, word));
        Assert.Empty(await SearchAsync(ArchiveFixture.Signer, word));
        Assert.Empty(await SearchAsync(ArchiveFixture.Secretariat, word));
        var kept = Assert.Single(await SearchAsync(ArchiveFixture.Archivist, word));
        Assert.NotEqual(JsonValueKind.Null, kept.GetProperty("recalledAt").ValueKind);
        using var addressee = await f.As(ArchiveFixture.Addressee);
        var recordIds = await f.QueryAsync<Guid>("select id from archive.records where letter_id = @id", new { id });
        foreach (var record in recordIds)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await addressee.GetAsync($"/api/records/{record}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_recall_that_arrives_before_the_letter_sent_event_still_marks_the_records()
    {
        var id = Guid.CreateVersion7();
        await RecallAsync(id);
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>("select count(*)::int from archive.recalled_letters where letter_id = @id", new { id }) == 1,
            "the recall was remembered");

        await f.SendAsync("800/" + Random.Shared.Next(1000, 9999) + "/DISKOMINFO-APTIKA/2026", "Undangan ditarik lebih dulu", "Isi", letterId: id);

        Assert.Equal(2, await RecalledAsync(id));
    }
}
