using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Testing;
using MassTransit;

namespace EOffice.Correspondence.Tests;

public sealed class PurgeTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private async Task<(Guid Id, string Number, string Hash, Guid Attachment)> SentLetterWithAttachmentAsync(string subject)
    {
        var id = await f.CreateAsync(f.Draft(subject: subject));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var upload = await drafter.PostAsync($"/api/letters/{id}/attachments", File(Pdf, "lampiran.pdf"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var attachment = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var signed = await f.SendAsync(id);
        return (id, signed.GetProperty("number").GetString()!, signed.GetProperty("contentHash").GetString()!, attachment);
    }

    [Fact]
    public async Task A_letter_whose_records_are_all_destroyed_loses_body_summary_and_files_once_and_keeps_number_seal_and_timeline()
    {
        var (id, number, hash, attachment) = await SentLetterWithAttachmentAsync("Undangan rapat yang dimusnahkan");
        var messageId = NewId.NextGuid();

        await f.PublishAsync(new LetterContentPurged(id, DateTimeOffset.UtcNow), messageId);
        await f.PublishAsync(new LetterContentPurged(id, DateTimeOffset.UtcNow), messageId); // redelivered
        await f.PublishAsync(new LetterContentPurged(id, DateTimeOffset.UtcNow));             // published again

        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        await Eventually.HoldsAsync(async () =>
            (await addressee.GetFromJsonAsync<JsonElement>($"/api/letters/{id}")).GetProperty("purgedAt").ValueKind != JsonValueKind.Null,
            "the letter was purged");
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
            "select count(*)::int from correspondence.inbox where consumer like '%LetterContentPurgedConsumer'") >= 2, "both messages were consumed");
        var letter = await addressee.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        var download = await addressee.GetAsync($"/api/letters/{id}/attachments/{attachment}");
        var timeline = await addressee.GetFromJsonAsync<JsonElement>($"/api/letters/{id}/timeline");

        Assert.Equal(JsonValueKind.Null, letter.GetProperty("body").ValueKind);
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("summary").ValueKind);
        Assert.Empty(letter.GetProperty("attachments").EnumerateArray());
        Assert.Equal(number, letter.GetProperty("number").GetString());
        Assert.Equal(hash, letter.GetProperty("contentHash").GetString());
        Assert.Equal("Undangan rapat yang dimusnahkan", letter.GetProperty("subject").GetString());
        Assert.Equal("Sent", letter.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Gone, download.StatusCode);
        Assert.Single(timeline.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "purged");
        Assert.Equal(0, await f.ScalarAsync<int>("select count(*)::int from correspondence.attachments where letter_id = @id", new { id }));

        // Anyone holding the QR code still learns the letter is authentic, and that its content was destroyed.
        var code = letter.GetProperty("verificationCode").GetString();
        using var anonymous = f.Service.CreateClient();
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{code}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(number, verified.GetProperty("number").GetString());
        Assert.NotEqual(JsonValueKind.Null, verified.GetProperty("purgedAt").ValueKind);
        Assert.Contains("berita acara", verified.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seal_guard_allows_exactly_the_purge_and_nothing_after_it()
    {
        var (id, _, _, _) = await SentLetterWithAttachmentAsync("Pengumuman yang dijaga segel");

        var purgeWithMore = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => f.ScalarAsync<int>(
            "update correspondence.letters set body = null, summary = null, purged_at = now(), subject = 'lain' where id = @id returning 1", new { id }));
        var filesBeforePurge = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => f.ScalarAsync<int>(
            "delete from correspondence.attachments where letter_id = @id returning 1", new { id }));
        await f.ScalarAsync<int>("update correspondence.letters set body = null, summary = null, purged_at = now() where id = @id returning 1", new { id });
        var restore = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => f.ScalarAsync<int>(
            "update correspondence.letters set body = 'kembali' where id = @id returning 1", new { id }));
        var unpurge = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => f.ScalarAsync<int>(
            "update correspondence.letters set purged_at = null where id = @id returning 1", new { id }));

        Assert.Contains("purge", purgeWithMore.MessageText, StringComparison.Ordinal);
        Assert.Contains("attachments", filesBeforePurge.MessageText, StringComparison.Ordinal);
        Assert.Contains("sealed", restore.MessageText, StringComparison.Ordinal);
        Assert.Contains("purge", unpurge.MessageText, StringComparison.Ordinal);
    }
}
