using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Testing;
using MassTransit;

namespace EOffice.Notification.Tests;

public sealed class WhoIsToldTests(NotificationFixture f) : IClassFixture<NotificationFixture>
{
    private const string Drafter = "fajar.nugroho@eoffice.local";            // Pranata Komputer Ahli Pertama, Diskominfo
    private const string Secretary = "ratna.wulandari@eoffice.local";        // Diskominfo's secretariat
    private const string Clerk = "putri.anggraini@eoffice.local";            // Diskominfo's secretariat
    private const string OtherSecretariat = "ahmad.fauzi@eoffice.local";     // Disdukcapil's secretariat
    private const string Archivist = "agus.salim@eoffice.local";

    private Task<IReadOnlyList<(Guid User, string Kind, string Title, string Body)>> MadeAsync(Guid messageId) =>
        f.QueryAsync<(Guid, string, string, string)>(
            "select user_id, kind, title, body from notification.notifications where source_message_id = @messageId", new { messageId });

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32();

    [Fact]
    public async Task A_forwarded_letter_tells_each_new_recipient_who_forwarded_it_and_the_note()
    {
        var messageId = NewId.NextGuid();
        var forwarded = new LetterForwarded(Guid.CreateVersion7(), f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil"),
            [f.Position("Kepala Bidang Aplikasi Informatika"), f.Position("Kepala Seksi Pengembangan Aplikasi")], "Mohon dipelajari", DateTimeOffset.UtcNow)
        {
            Number = "000.1.2/9/DISDUKCAPIL/2026",
            Subject = "Undangan rapat koordinasi",
            Security = "Biasa",
            FromTitle = "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        };

        await f.PublishAsync(forwarded, messageId);
        await Eventually.HoldsAsync(async () => (await MadeAsync(messageId)).Count >= 2, "the notifications were made");

        var made = await MadeAsync(messageId);
        Assert.Equal(new[] { f.Users["yusuf.maulana@eoffice.local"], f.Users["lina.marlina@eoffice.local"] }.Order(), made.Select(n => n.User).Order());
        Assert.All(made, n =>
        {
            Assert.Equal("letter-forwarded", n.Kind);
            Assert.Equal("Naskah diteruskan: Undangan rapat koordinasi", n.Title);
            Assert.Equal("Nomor 000.1.2/9/DISDUKCAPIL/2026 diteruskan oleh Kepala Dinas Kependudukan dan Pencatatan Sipil dengan catatan: Mohon dipelajari",
                n.Body);
        });
    }

    [Fact]
    public async Task A_signed_letter_tells_its_drafter_and_the_secretariat_of_the_sending_agency_that_it_waits_to_be_sent()
    {
        var messageId = NewId.NextGuid();
        var signed = new LetterSigned(Guid.CreateVersion7(), "000.1.2/31/DISKOMINFO-APTIKA/2026", new DateOnly(2026, 12, 2),
            f.Position("Kepala Bidang Aplikasi Informatika"), f.Units["DISKOMINFO-APTIKA"], DateTimeOffset.UtcNow)
        { DrafterPositionId = f.Position("Pranata Komputer Ahli Pertama") };

        await f.PublishAsync(signed, messageId);
        await Eventually.HoldsAsync(async () => (await MadeAsync(messageId)).Count >= 3, "the notifications were made");

        var made = await MadeAsync(messageId);
        Assert.Equal(new[] { f.Users[Secretary], f.Users[Clerk] }.Order(), made.Where(n => n.Kind == "letter-to-send").Select(n => n.User).Order());
        var drafter = Assert.Single(made, n => n.Kind == "letter-signed");
        Assert.Equal(f.Users[Drafter], drafter.User);
        Assert.Equal("Naskah Anda telah ditandatangani", drafter.Title);
        Assert.Contains("000.1.2/31/DISKOMINFO-APTIKA/2026 tanggal 2 Desember 2026", drafter.Body, StringComparison.Ordinal);
        Assert.Contains(made, n => n.Kind == "letter-to-send" && n.Title == "Naskah siap dikirim");
        Assert.DoesNotContain(made, n => n.User == f.Users[OtherSecretariat] || n.User == f.Users[Archivist]);
    }

    [Fact]
    public async Task Once_the_letter_is_sent_the_secretariats_notice_that_it_waits_is_marked_read()
    {
        using var clerk = await f.As(Clerk);
        var before = await UnreadAsync(clerk);
        var signed = new LetterSigned(Guid.CreateVersion7(), "000.1.2/33/DISKOMINFO-APTIKA/2026", new DateOnly(2026, 12, 2),
            f.Position("Kepala Bidang Aplikasi Informatika"), f.Units["DISKOMINFO-APTIKA"], DateTimeOffset.UtcNow);
        await f.PublishAsync(signed);
        await Eventually.HoldsAsync(async () => await UnreadAsync(clerk) == before + 1, "the secretariat was told the letter waits");

        await f.PublishAsync(new LetterSent(signed.LetterId, signed.Number, signed.Date, "Nota Dinas", "Undangan", null, "000.1.2", "Biasa", "Biasa",
            signed.UnitId, signed.SignerPositionId, [], DateTimeOffset.UtcNow));

        await Eventually.HoldsAsync(async () => await UnreadAsync(clerk) == before, "the notice was withdrawn once the letter was sent");
    }

    [Fact]
    public async Task A_head_signing_their_own_letter_is_not_told_they_signed_it()
    {
        var messageId = NewId.NextGuid();
        var head = f.Position("Kepala Bidang Aplikasi Informatika");
        await f.PublishAsync(new LetterSigned(Guid.CreateVersion7(), "000.1.2/32/DISKOMINFO-APTIKA/2026", new DateOnly(2026, 12, 2), head,
            f.Units["DISKOMINFO-APTIKA"], DateTimeOffset.UtcNow)
        { DrafterPositionId = head }, messageId);
        await Eventually.HoldsAsync(async () => (await MadeAsync(messageId)).Count >= 2, "the secretariat was told");
        await Task.Delay(500);

        Assert.All(await MadeAsync(messageId), n => Assert.Equal("letter-to-send", n.Kind));
    }

    [Fact]
    public async Task A_returned_letter_tells_its_drafter_with_the_reviewers_comment()
    {
        var messageId = NewId.NextGuid();
        await f.PublishAsync(new LetterReturned(Guid.CreateVersion7(), "Undangan rapat koordinasi", "Biasa", f.Position("Kepala Seksi Pengembangan Aplikasi"),
            "Perbaiki tanggal rapat", f.Position("Pranata Komputer Ahli Pertama"), DateTimeOffset.UtcNow), messageId);
        await Eventually.HoldsAsync(async () => (await MadeAsync(messageId)).Count >= 1, "the drafter was told");

        var notice = Assert.Single(await MadeAsync(messageId));
        Assert.Equal((f.Users[Drafter], "letter-returned", "Naskah dikembalikan: Undangan rapat koordinasi", "Catatan: Perbaiki tanggal rapat"), notice);
    }

    [Fact]
    public async Task A_cancelled_disposition_withdraws_its_new_disposition_notice_and_the_unread_count_drops()
    {
        const string assignee = "lina.marlina@eoffice.local";
        using var client = await f.As(assignee);
        var before = await UnreadAsync(client);
        var created = Created(f.Position("Kepala Seksi Pengembangan Aplikasi"));
        await f.PublishAsync(created);
        await Eventually.HoldsAsync(async () => await UnreadAsync(client) == before + 1, "the new disposition is unread");

        await f.PublishAsync(new DispositionCancelled(created.DispositionId, created.LetterId, created.FromPositionId, created.ToPositionId, DateTimeOffset.UtcNow));

        await Eventually.HoldsAsync(async () => await UnreadAsync(client) == before, "the cancelled disposition's notice was withdrawn");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/notifications");
        var notice = list.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("link").GetString() == $"/dispositions/{created.DispositionId}");
        Assert.NotEqual(JsonValueKind.Null, notice.GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task A_cancellation_that_arrives_before_its_disposition_leaves_no_unread_notice()
    {
        const string assignee = "teguh.prasetyo@eoffice.local";
        using var client = await f.As(assignee);
        var before = await UnreadAsync(client);
        var created = Created(f.Position("Kepala Seksi Pengelolaan Informasi Publik"));
        var cancelled = NewId.NextGuid();
        await f.PublishAsync(new DispositionCancelled(created.DispositionId, created.LetterId, created.FromPositionId, created.ToPositionId, DateTimeOffset.UtcNow),
            cancelled);
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>("select count(*)::int from notification.inbox where message_id = @cancelled",
            new { cancelled }) == 1, "the cancellation was consumed");

        var createdId = NewId.NextGuid();
        await f.PublishAsync(created, createdId);
        await Eventually.HoldsAsync(async () => (await MadeAsync(createdId)).Count == 1, "the late notice was made");

        Assert.Equal(before, await UnreadAsync(client));
    }

    [Fact]
    public async Task Preferences_are_a_list_of_every_kind_including_signed_and_to_send()
    {
        using var client = await f.As(Clerk);

        var put = await client.PutAsJsonAsync("/api/notification-preferences", new[] { new { kind = "letter-to-send", email = true } });
        var page = await client.GetFromJsonAsync<JsonElement>("/api/notification-preferences");

        Assert.Equal(System.Net.HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        var kinds = page.GetProperty("items").EnumerateArray().ToDictionary(p => p.GetProperty("kind").GetString()!, p => p.GetProperty("email").GetBoolean());
        Assert.True(kinds["letter-to-send"]);
        Assert.False(kinds["letter-signed"]);
    }

    private DispositionCreated Created(Guid to) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), null, f.Position("Kepala Bidang Aplikasi Informatika"), to, ["Tindak lanjuti"], null,
            DateTimeOffset.UtcNow.AddDays(3), "Biasa", DateTimeOffset.UtcNow);
}
