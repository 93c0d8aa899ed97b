using System.Net;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

public sealed class VisibilityTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    public static TheoryData<string> Levels => new() { "Biasa", "Terbatas", "Rahasia", "SangatRahasia" };

    private async Task<HttpStatusCode> StatusFor(string user, Guid id)
    {
        using var client = await f.As(user);
        return (await client.GetAsync($"/api/letters/{id}")).StatusCode;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Each_security_level_is_seen_by_exactly_the_people_it_should_be(string level)
    {
        var id = await f.CreateAsync(f.Draft(level, $"Surat {level}"));
        var secret = level is "Rahasia" or "SangatRahasia";

        // Before sending: the chain sees it, recipients do not yet.
        await f.SignAsync(id);
        Assert.Equal(HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.Drafter, id));
        Assert.Equal(HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.Reviewer, id));
        Assert.Equal(HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.Signer, id));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(CorrespondenceFixture.Addressee, id));

        using var signer = await f.As(CorrespondenceFixture.Signer);
        (await signer.PostAsync($"/api/letters/{id}/send", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.Addressee, id));
        Assert.Equal(HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.ActingCc, id));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(CorrespondenceFixture.Stranger, id));
        Assert.Equal(secret ? HttpStatusCode.NotFound : HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.Secretariat, id));
        Assert.Equal(secret ? HttpStatusCode.NotFound : HttpStatusCode.OK, await StatusFor(CorrespondenceFixture.AddresseeSecretariat, id));
    }

    [Fact]
    public async Task A_stranger_gets_404_for_every_way_into_a_secret_letter()
    {
        var id = await f.CreateAsync(f.Draft("SangatRahasia", "Rencana mutasi pejabat"));
        await f.SendAsync(id);
        using var stranger = await f.As(CorrespondenceFixture.Stranger);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/letters/{id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/letters/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/letters/{id}/attachments/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/letters/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_secret_letters_events_carry_no_subject_or_summary()
    {
        var id = await f.CreateAsync(f.Draft("Rahasia", "Laporan hasil pemeriksaan khusus"));
        await f.SendAsync(id);

        var payloads = await f.QueryAsync<string>("select payload::text from correspondence.outbox where payload ->> 'letterId' = @id", new { id = id.ToString() });

        Assert.True(payloads.Count >= 5, $"expected the review, signing, sending and delivery events, got {payloads.Count}");
        foreach (var payload in payloads)
        {
            var json = JsonDocument.Parse(payload).RootElement;
            Assert.DoesNotContain("pemeriksaan", payload, StringComparison.OrdinalIgnoreCase);
            foreach (var field in new[] { "subject", "summary", "body" })
            {
                Assert.True(!json.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null, $"{field} in {payload}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Whoever_a_letter_is_disposed_to_reads_it_at_every_security_level_until_the_disposition_is_cancelled(string level)
    {
        var id = await f.CreateAsync(f.Draft(level, $"Surat {level} untuk didisposisikan"));
        await f.SendAsync(id);
        const string Assignee = "andi.kurniawan@eoffice.local";
        var head = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil");
        var section = f.Position("Kepala Seksi Identitas Penduduk");
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(Assignee, id));

        DispositionCreated Disposed(Guid dispositionId) =>
            new(dispositionId, id, null, head, section, ["Untuk ditindaklanjuti"], null, DateTimeOffset.UtcNow.AddDays(3), "Normal", DateTimeOffset.UtcNow);
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        await f.PublishAsync(Disposed(first));
        await Eventually.HoldsAsync(async () => await StatusFor(Assignee, id) == HttpStatusCode.OK, "the assignee reads the letter");
        using (var assignee = await f.As(Assignee))
        {
            Assert.Equal(HttpStatusCode.OK, (await assignee.GetAsync($"/api/letters/{id}/timeline")).StatusCode);
        }

        // A second disposition to the same position, then the first cancelled: still readable through the second.
        await f.PublishAsync(Disposed(second));
        // Created and cancelled travel on different queues: let the second arrive first, as it would in life.
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
            "select coalesce(sum(dispositions), 0)::int from correspondence.letter_disposition_positions where letter_id = @id", new { id }) == 2,
            "the second disposition was consumed");
        await f.PublishAsync(new DispositionCancelled(first, id, head, section, DateTimeOffset.UtcNow));
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
            "select count(*)::int from correspondence.timeline where letter_id = @id and action = 'disposition-cancelled'", new { id }) == 1,
            "the cancellation was consumed");
        Assert.Equal(HttpStatusCode.OK, await StatusFor(Assignee, id));

        await f.PublishAsync(new DispositionCancelled(second, id, head, section, DateTimeOffset.UtcNow));
        await Eventually.HoldsAsync(async () => await StatusFor(Assignee, id) == HttpStatusCode.NotFound, "the assignee no longer sees it");
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(CorrespondenceFixture.Stranger, id));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Public_events_carry_no_body_and_a_subject_only_for_Biasa_while_the_text_goes_on_the_internal_exchange(string level)
    {
        var id = await f.CreateAsync(f.Draft(level, $"Laporan {level} rahasia dapur"));
        await f.SendAsync(id);

        var rows = await f.QueryAsync<(string Exchange, string Payload)>(
            "select exchange, payload::text from correspondence.outbox where payload ->> 'letterId' = @id", new { id = id.ToString() });

        var publicRows = rows.Where(r => EOffice.Contracts.PublicExchanges.IsPublic(r.Exchange)).ToList();
        Assert.Contains(publicRows, r => r.Exchange == "eoffice.letter-sent");
        foreach (var (exchange, payload) in publicRows)
        {
            Assert.DoesNotContain("kota cerdas", payload, StringComparison.Ordinal); // a word of the body
            Assert.True(level == "Biasa" || !payload.Contains("dapur", StringComparison.Ordinal), $"{exchange} names a {level} letter");
            Assert.False(JsonDocument.Parse(payload).RootElement.TryGetProperty("body", out _), $"{exchange} has a body");
        }

        Assert.Equal(level == "Biasa", publicRows.Single(r => r.Exchange == "eoffice.letter-sent").Payload.Contains("dapur", StringComparison.Ordinal));
        var content = rows.Where(r => r.Exchange == "eoffice.internal.letter-content").ToList();
        if (level is "Rahasia" or "SangatRahasia")
        {
            Assert.Empty(content);
        }
        else
        {
            var text = JsonDocument.Parse(Assert.Single(content).Payload).RootElement;
            Assert.Equal($"Laporan {level} rahasia dapur", text.GetProperty("subject").GetString());
            Assert.Contains("kota cerdas", text.GetProperty("body").GetString(), StringComparison.Ordinal);
        }
    }
}
