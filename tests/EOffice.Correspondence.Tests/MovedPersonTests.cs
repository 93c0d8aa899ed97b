using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

/// <summary>A person moved to another position (mutasi) acts for the new one only; the old one's mailbox stays with it.</summary>
public sealed class MovedPersonTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string OldTitle = "Pranata Komputer Ahli Pertama";
    private const string NewTitle = "Pengolah Data Kependudukan";

    [Fact]
    public async Task After_a_move_the_old_token_no_longer_drafts_for_or_reads_the_old_positions_mailbox_and_refresh_is_refused()
    {
        // Before: a letter in the old position's inbox, a draft of the old position, a refresh token.
        using var secretariat = await f.As(CorrespondenceFixture.Secretariat);
        var registered = await secretariat.PostAsJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Kementerian Komunikasi dan Digital",
            senderNumber = "B-77/M.KOMDIGI/2026",
            senderDate = "2026-11-20",
            receivedAt = "2026-11-23T08:15:00Z",
            subject = "Permintaan data aplikasi mutasi",
            classificationCode = "000",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = f.Position(OldTitle) } },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var incoming = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var oldDraft = await f.CreateAsync(f.Draft(subject: "Konsep jabatan lama"));
        using var moved = await f.As(CorrespondenceFixture.Drafter);
        Assert.Contains((await moved.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("letterId").GetGuid() == incoming);
        using var directory = f.Directory.CreateClient();
        var login = await (await directory.PostAsJsonAsync("/api/auth/login", new { username = CorrespondenceFixture.Drafter, password = CorrespondenceFixture.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();

        using var admin = await f.DirectoryAs("admin@eoffice.local");
        var userId = f.Users[CorrespondenceFixture.Drafter];
        (await admin.PutAsJsonAsync($"/api/org/positions/{f.Position(NewTitle)}/holder", new { userId })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<Guid?>("select position_id from correspondence.org_users where id = @userId", new { userId }) == f.Position(NewTitle)
            && await f.ScalarAsync<Guid?>("select holder_user_id from correspondence.org_positions where id = @p", new { p = f.Position(OldTitle) }) is null,
            "Correspondence's org chart says the person moved");

        // The old access token (still valid, still claiming the old position).
        var inbox = await moved.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox");
        var read = await moved.GetAsync($"/api/letters/{incoming}");
        var underOldChain = await moved.PostAsJsonAsync("/api/letters", f.Draft(subject: "Konsep setelah mutasi"));
        var underNewChain = await moved.PostAsJsonAsync("/api/letters", f.Draft(subject: "Konsep jabatan baru", withReviewer: false, signerTitle: "Kepala Seksi Identitas Penduduk"));
        var current = await moved.GetAsync($"/api/letters/{oldDraft}");
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{oldDraft}") { Content = JsonContent.Create(f.Draft(subject: "Konsep diubah setelah mutasi")) };
        edit.Headers.IfMatch.Add(current.Headers.ETag!);
        var edited = await moved.SendAsync(edit);
        var drafts = await moved.GetFromJsonAsync<JsonElement>("/api/mailbox/drafts");
        var refresh = await directory.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });

        Assert.DoesNotContain(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("letterId").GetGuid() == incoming);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, underOldChain.StatusCode);
        Assert.Equal(HttpStatusCode.Created, underNewChain.StatusCode);
        Assert.Equal(f.Position(NewTitle), (await underNewChain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("drafter").GetProperty("positionId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, edited.StatusCode);
        Assert.DoesNotContain(drafts.GetProperty("items").EnumerateArray(), i => i.GetProperty("letterId").GetGuid() == oldDraft);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task The_successor_takes_over_the_old_positions_inbox_and_drafts()
    {
        const string position = "Pranata Hubungan Masyarakat Ahli Pertama";
        const string leaver = "intan.permatasari@eoffice.local";
        const string successor = "dimas.aditya@eoffice.local";
        using var secretariat = await f.As(CorrespondenceFixture.Secretariat);
        var registered = await secretariat.PostAsJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Komisi Informasi Pusat",
            senderNumber = "KIP/88/2026",
            senderDate = "2026-11-20",
            receivedAt = "2026-11-23T08:15:00Z",
            subject = "Permintaan laporan layanan informasi",
            classificationCode = "000",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = f.Position(position) } },
        });
        var incoming = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var draft = await f.CreateAsync(f.Draft(subject: "Konsep yang diteruskan pengganti", withReviewer: false, signerTitle: "Kepala Seksi Pengelolaan Informasi Publik"), leaver);
        using var next = await f.As(successor); // a token from before the move, claiming their old position

        using var admin = await f.DirectoryAs("admin@eoffice.local");
        var successorId = f.Users[successor];
        (await admin.PutAsJsonAsync($"/api/org/positions/{f.Position(position)}/holder", new { userId = successorId })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () =>
            await f.ScalarAsync<Guid?>("select holder_user_id from correspondence.org_positions where id = @p", new { p = f.Position(position) }) == successorId
            && await f.ScalarAsync<Guid?>("select position_id from correspondence.org_users where id = @successorId", new { successorId }) == f.Position(position),
            "Correspondence's org chart says the successor holds the position");

        var inbox = await next.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox");
        var drafts = await next.GetFromJsonAsync<JsonElement>("/api/mailbox/drafts");
        var current = await next.GetAsync($"/api/letters/{draft}");
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{draft}")
        {
            Content = JsonContent.Create(f.Draft(subject: "Konsep dilanjutkan pengganti", withReviewer: false, signerTitle: "Kepala Seksi Pengelolaan Informasi Publik")),
        };
        edit.Headers.IfMatch.Add(current.Headers.ETag!);
        var edited = await next.SendAsync(edit);

        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("letterId").GetGuid() == incoming);
        Assert.Contains(drafts.GetProperty("items").EnumerateArray(), i => i.GetProperty("letterId").GetGuid() == draft);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
    }
}
