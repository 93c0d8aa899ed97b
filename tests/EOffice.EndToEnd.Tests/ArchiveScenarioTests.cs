using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Archive's "done when" scenario through the gateway only: a sent letter appears as records in the
/// sender's and the recipient's units within seconds, is found by a word of its body and by part of
/// its number; an archivist sees what falls due, holds a record and proposes a disposal, which another
/// archivist approves; once every record of the letter is destroyed, Correspondence purges the letter.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ArchiveScenarioTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_sent_letter_is_archived_in_both_units_found_and_an_archivist_disposes_of_a_due_record()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = platform.As(await platform.LoginAsync("fajar.nugroho@eoffice.local"));
        using var reviewer = platform.As(await platform.LoginAsync("lina.marlina@eoffice.local"));
        using var signer = platform.As(await platform.LoginAsync("yusuf.maulana@eoffice.local"));
        using var recipient = platform.As(await platform.LoginAsync("imam.santoso@eoffice.local"));
        using var archivist = platform.As(await platform.LoginAsync("rizky.ramadhan@eoffice.local")); // BKPSDM: secretariat and archivist
        var word = "arsipuji" + Guid.NewGuid().ToString("N")[..6];
        // A disposal is approved by another archivist than its proposer: BKPSDM's secretary becomes one.
        var secretary = (await admin.GetJsonAsync("/api/org/users?q=endang.suryani&limit=5")).GetProperty("items").EnumerateArray()
            .Single(u => u.Text("email") == "endang.suryani@eoffice.local");
        var roles = secretary.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Append("archivist").Distinct().ToArray();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(new Uri($"/api/org/users/{secretary.Text("id")}", UriKind.Relative), new
        {
            nip = secretary.Text("nip"),
            name = secretary.Text("name"),
            email = secretary.Text("email"),
            roles,
        })).StatusCode);
        using var approver = platform.As(await platform.LoginAsync("endang.suryani@eoffice.local"));

        var created = await drafter.PostJsonAsync("/api/letters", new
        {
            type = "Nota Dinas",
            subject = "Rekapitulasi data kepegawaian triwulan",
            summary = "Data pegawai",
            body = $"Bersama ini kami sampaikan laporan kepegawaian triwulan. Kode {word}.",
            classificationCode = "800.1.11",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = positions["Kepala Badan Kepegawaian dan Pengembangan SDM"] } },
            reviewers = new[] { positions["Kepala Seksi Pengembangan Aplikasi"] },
            signerPositionId = positions["Kepala Bidang Aplikasi Informatika"],
        });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await drafter.PostJsonAsync($"/api/letters/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).StatusCode);
        var number = (await (await signer.PostJsonAsync($"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword })).ReadJsonAsync()).Text("number")!;
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{id}/send", new { })).StatusCode);

        List<JsonElement> records = [];
        await Eventually.HoldsAsync(async () =>
        {
            records = (await recipient.GetJsonAsync($"/api/records?q=pegawai%20{word}")).GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("letterId").GetGuid() == id).ToList();
            return records.Count == 2;
        }, "the letter is archived in the sender's and the recipient's unit (its text indexed from the internal exchange)", TimeSpan.FromSeconds(60));
        Assert.Equal(2, records.Select(r => r.Text("unitId")).Distinct().Count());
        var part = string.Join('/', number.Split('/')[..2]);
        var byNumber = (await recipient.GetJsonAsync("/api/records?q=" + Uri.EscapeDataString(part))).GetProperty("items").EnumerateArray();
        Assert.Contains(byNumber, r => r.GetProperty("letterId").GetGuid() == id);

        // An old letter registered today is already past its retention.
        var old = await archivist.PostJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Badan Kepegawaian Negara",
            senderNumber = "K.26-30/V.12-3/99",
            senderDate = "2015-03-02",
            receivedAt = DateTimeOffset.UtcNow,
            subject = "Undangan sosialisasi tahun 2015",
            summary = "Sosialisasi aturan kepegawaian",
            classificationCode = "000.1.2",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = positions["Kepala Badan Kepegawaian dan Pengembangan SDM"] } },
        });
        Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        var oldLetter = (await old.ReadJsonAsync()).GetProperty("id").GetGuid();
        Guid[] oldRecords = [];
        await Eventually.HoldsAsync(async () =>
        {
            var all = (await archivist.GetJsonAsync("/api/records?q=sosialisasi&limit=200")).GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("letterId").GetGuid() == oldLetter).ToList();
            var due = (await archivist.GetJsonAsync("/api/retention/due?limit=200")).GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("letterId").GetGuid() == oldLetter).Select(r => r.GetProperty("id").GetGuid()).ToArray();
            oldRecords = due;
            return due.Length > 0 && due.Length == all.Count;
        }, "the archivist sees every record of the old letter fall due", TimeSpan.FromSeconds(15));
        var record = oldRecords[0];

        Assert.Equal(HttpStatusCode.OK, (await archivist.PostJsonAsync($"/api/records/{record}/hold", new { reason = "Pemeriksaan Inspektorat" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await archivist.PostJsonAsync("/api/disposal-proposals", new { recordIds = new[] { record } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await archivist.DeleteAsync(new Uri($"/api/records/{record}/hold?reason=Pemeriksaan%20selesai", UriKind.Relative))).StatusCode);
        var proposal = await archivist.PostJsonAsync("/api/disposal-proposals", new { recordIds = oldRecords });
        Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
        var proposalId = (await proposal.ReadJsonAsync()).Text("id");
        Assert.Equal(HttpStatusCode.Forbidden, (await archivist.PostJsonAsync($"/api/disposal-proposals/{proposalId}/approve", new { })).StatusCode);
        var approved = await approver.PostJsonAsync($"/api/disposal-proposals/{proposalId}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("BERITA ACARA", (await approved.ReadJsonAsync()).Text("minutes"), StringComparison.Ordinal);
        foreach (var r in oldRecords)
        {
            Assert.Equal("Destroyed", (await archivist.GetJsonAsync($"/api/records/{r}")).Text("state"));
        }

        // Every record of the old letter is destroyed: the letter itself is purged in Correspondence.
        await Eventually.HoldsAsync(async () => (await archivist.GetJsonAsync($"/api/letters/{oldLetter}")).Text("purgedAt") is not null,
            "Correspondence purged the letter", TimeSpan.FromSeconds(15));
        var purged = await archivist.GetJsonAsync($"/api/letters/{oldLetter}");
        Assert.Equal(JsonValueKind.Null, purged.GetProperty("summary").ValueKind);
        Assert.Empty(purged.GetProperty("attachments").EnumerateArray());
        Assert.Equal("Undangan sosialisasi tahun 2015", purged.Text("subject"));
        var timeline = (await archivist.GetJsonAsync($"/api/letters/{oldLetter}/timeline")).GetProperty("items").EnumerateArray();
        Assert.Contains(timeline, e => e.Text("action") == "purged");
    }
}
