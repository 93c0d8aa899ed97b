using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Testing;
using MassTransit;

namespace EOffice.Notification.Tests;

/// <summary>A recalled letter's "naskah masuk" and "tembusan" notices are withdrawn, in whichever order the events arrive.</summary>
public sealed class RecallNoticeTests(NotificationFixture f) : IClassFixture<NotificationFixture>
{
    private const string Addressee = "sri.lestari@eoffice.local";   // Kepala Bidang IKP
    private const string Copied = "andi.kurniawan@eoffice.local";   // Kepala Seksi Identitas Penduduk
    private const string Late = "maya.puspitasari@eoffice.local";   // Kepala Subbidang Jabatan dan Kepangkatan

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32();

    private static LetterReceived Received(Guid letterId, Guid position, bool cc) =>
        new(letterId, "000.1.2/41/DISKOMINFO-APTIKA/2026", "Undangan yang ditarik", "Biasa", "Biasa", position, Guid.Empty, cc, false, "000.1.2",
            new DateOnly(2026, 12, 2), Guid.Empty, DateTimeOffset.UtcNow);

    private static LetterRecalled Recalled(Guid letterId, params Guid[] recipients) =>
        new(letterId, "000.1.2/41/DISKOMINFO-APTIKA/2026", Guid.NewGuid(), "Salah alamat", recipients, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_recall_withdraws_the_addressees_and_the_copied_notices()
    {
        using var addressee = await f.As(Addressee);
        using var copied = await f.As(Copied);
        var (beforeTo, beforeCc) = (await UnreadAsync(addressee), await UnreadAsync(copied));
        var letter = Guid.CreateVersion7();
        var to = f.Position("Kepala Bidang Informasi dan Komunikasi Publik");
        var cc = f.Position("Kepala Seksi Identitas Penduduk");
        await f.PublishAsync(Received(letter, to, false));
        await f.PublishAsync(Received(letter, cc, true));
        await Eventually.HoldsAsync(async () => await UnreadAsync(addressee) == beforeTo + 1 && await UnreadAsync(copied) == beforeCc + 1,
            "both were told the letter arrived");

        await f.PublishAsync(Recalled(letter, to, cc));

        await Eventually.HoldsAsync(async () => await UnreadAsync(addressee) == beforeTo && await UnreadAsync(copied) == beforeCc,
            "the recall withdrew both notices");
        var list = await addressee.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/letters/{letter}");
    }

    [Fact]
    public async Task A_recall_that_arrives_before_the_letter_leaves_no_unread_notice()
    {
        using var client = await f.As(Late);
        var before = await UnreadAsync(client);
        var letter = Guid.CreateVersion7();
        var position = f.Position("Kepala Subbidang Jabatan dan Kepangkatan");
        var recalled = NewId.NextGuid();
        await f.PublishAsync(Recalled(letter, position), recalled);
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>("select count(*)::int from notification.inbox where message_id = @recalled",
            new { recalled }) == 1, "the recall was consumed");

        var received = NewId.NextGuid();
        await f.PublishAsync(Received(letter, position, false), received);
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
            "select count(*)::int from notification.notifications where source_message_id = @received", new { received }) == 1, "the late notice was made");

        Assert.Equal(before, await UnreadAsync(client));
    }
}
