using System.Net;
using System.Net.Http.Json;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

/// <summary>The signer recalls a sent letter before anyone read it; after a read only a ralat remains.</summary>
public sealed class RecallTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private async Task<HttpResponseMessage> RecallAsync(Guid id, string who, object body)
    {
        using var client = await f.As(who);
        return await client.PostAsJsonAsync($"/api/letters/{id}/recall", body);
    }

    private static bool Lists(System.Text.Json.JsonElement page, Guid id) =>
        page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("letterId").GetGuid() == id);

    [Fact]
    public async Task A_recall_before_anyone_read_it_takes_the_letter_out_of_the_inboxes_and_keeps_it_on_the_timeline()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Undangan yang salah alamat"));
        await f.SendAsync(id);
        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        using var cc = await f.As(CorrespondenceFixture.ActingCc);
        Assert.True(Lists(await addressee.GetJsonAsync("/api/mailbox/inbox?q=salah alamat"), id));

        var recalled = await RecallAsync(id, CorrespondenceFixture.Signer, new { reason = "Salah alamat tujuan" });

        Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        var letter = await recalled.ReadJsonAsync();
        Assert.Equal("Recalled", letter.GetProperty("status").GetString());
        Assert.Equal("Salah alamat tujuan", letter.GetProperty("recall").GetProperty("reason").GetString());
        Assert.False(Lists(await addressee.GetJsonAsync("/api/mailbox/inbox?q=salah alamat"), id));
        Assert.False(Lists(await cc.GetJsonAsync("/api/mailbox/cc?q=salah alamat"), id));
        Assert.Equal(HttpStatusCode.NotFound, (await addressee.GetAsync($"/api/letters/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await addressee.PostAsync($"/api/letters/{id}/read", null)).StatusCode);
        using var signer = await f.As(CorrespondenceFixture.Signer);
        var sent = await signer.GetJsonAsync("/api/mailbox/sent?q=salah alamat");
        Assert.Equal("Recalled", sent.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("letterId").GetGuid() == id).GetProperty("status").GetString());
        var timeline = await signer.GetJsonAsync($"/api/letters/{id}/timeline");
        var entry = timeline.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "recalled");
        Assert.Equal("Salah alamat tujuan", entry.GetProperty("detail").GetProperty("reason").GetString());
        Assert.Equal(2, entry.GetProperty("detail").GetProperty("recipients").GetArrayLength());
        var recipients = await f.ScalarAsync<int>(
            "select jsonb_array_length(payload -> 'recipients') from correspondence.outbox where exchange = 'eoffice.letter-recalled' and payload ->> 'letterId' = @id",
            new { id = id.ToString() });
        Assert.Equal(2, recipients);
        Assert.Equal(HttpStatusCode.Conflict, (await RecallAsync(id, CorrespondenceFixture.Signer, new { reason = "Sekali lagi" })).StatusCode);
    }

    [Fact]
    public async Task After_a_recipient_read_it_a_recall_is_a_409_that_points_to_a_ralat()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Undangan yang sudah dibaca"));
        await f.SendAsync(id);
        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        (await addressee.PostAsync($"/api/letters/{id}/read", null)).EnsureSuccessStatusCode();

        var refused = await RecallAsync(id, CorrespondenceFixture.Signer, new { reason = "Terlambat" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal("already-read", problem.GetProperty("code").GetString());
        Assert.Contains("ralat", problem.GetProperty("detail").GetString());
        Assert.True(Lists(await addressee.GetJsonAsync("/api/mailbox/inbox?q=sudah dibaca"), id));
    }

    [Fact]
    public async Task Only_the_signer_recalls_and_only_with_a_reason()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Undangan yang tetap berlaku"));
        await f.SendAsync(id);

        Assert.Equal(HttpStatusCode.Forbidden, (await RecallAsync(id, CorrespondenceFixture.Drafter, new { reason = "Bukan hak saya" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RecallAsync(id, CorrespondenceFixture.Addressee, new { reason = "Penerima" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RecallAsync(id, CorrespondenceFixture.Stranger, new { reason = "Orang lain" })).StatusCode);
        var blank = await RecallAsync(id, CorrespondenceFixture.Signer, new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.True((await blank.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        Assert.True(Lists(await addressee.GetJsonAsync("/api/mailbox/inbox?q=tetap berlaku"), id));
    }
}
