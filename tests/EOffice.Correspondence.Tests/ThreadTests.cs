using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>Replies (balasan), forwards (teruskan) and the thread that links them, each seen only by those who may see it.</summary>
public sealed class ThreadTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string HeadTitle = "Kepala Dinas Kependudukan dan Pencatatan Sipil";

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A reply by the addressee (the head of Disdukcapil), who signs it herself; only what a reply must say.</summary>
    private object Reply(Guid original, string? security = null, object? cc = null) => new
    {
        replyToLetterId = original,
        urgency = "Biasa",
        body = "Dengan hormat, kami sampaikan tanggapan.",
        security,
        cc = cc ?? Array.Empty<object>(),
        signerPositionId = f.Position(HeadTitle),
    };

    /// <summary>Takes the head's own draft through signing and sending.</summary>
    private async Task SendOwnAsync(HttpClient head, Guid id)
    {
        (await head.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        (await head.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password })).EnsureSuccessStatusCode();
        (await head.PostAsync($"/api/letters/{id}/send", null)).EnsureSuccessStatusCode();
    }

    private async Task<Guid> SentLetterAsync(string security = "Biasa", string subject = "Undangan rapat koordinasi kota cerdas")
    {
        var id = await f.CreateAsync(f.Draft(security, subject));
        await f.SendAsync(id);
        return id;
    }

    [Fact]
    public async Task A_reply_defaults_its_subject_addressee_and_classification_to_the_original()
    {
        var original = await SentLetterAsync("Terbatas", "Permohonan data kependudukan");
        using var head = await f.As(CorrespondenceFixture.Addressee);

        var created = await head.PostAsJsonAsync("/api/letters", Reply(original));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reply = await Json(created);
        Assert.Equal("Balasan: Permohonan data kependudukan", reply.GetProperty("subject").GetString());
        Assert.Equal(original, reply.GetProperty("replyToLetterId").GetGuid());
        Assert.Equal("000.1.2", reply.GetProperty("classificationCode").GetString());
        Assert.Equal("Terbatas", reply.GetProperty("security").GetString());
        Assert.Equal("Surat Dinas", reply.GetProperty("type").GetString());
        var to = Assert.Single(reply.GetProperty("recipients").EnumerateArray());
        Assert.Equal(f.Position("Kepala Bidang Aplikasi Informatika"), to.GetProperty("positionId").GetGuid());
    }

    [Fact]
    public async Task What_the_reply_says_itself_wins_over_the_defaults()
    {
        var original = await SentLetterAsync();
        using var head = await f.As(CorrespondenceFixture.Addressee);

        var created = await head.PostAsJsonAsync("/api/letters", new
        {
            replyToLetterId = original,
            type = "Nota Dinas",
            subject = "Tanggapan undangan",
            classificationCode = "000.1",
            security = "Rahasia",
            urgency = "Segera",
            to = new[] { new { positionId = f.Position("Kepala Dinas Komunikasi dan Informatika") } },
            signerPositionId = f.Position(HeadTitle),
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reply = await Json(created);
        Assert.Equal("Tanggapan undangan", reply.GetProperty("subject").GetString());
        Assert.Equal("Nota Dinas", reply.GetProperty("type").GetString());
        Assert.Equal("Rahasia", reply.GetProperty("security").GetString());
        Assert.Equal(f.Position("Kepala Dinas Komunikasi dan Informatika"), Assert.Single(reply.GetProperty("recipients").EnumerateArray()).GetProperty("positionId").GetGuid());
    }

    [Fact]
    public async Task A_reply_to_an_incoming_letter_is_addressed_to_the_sending_institution()
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);
        var registered = await secretariat.PostAsJsonAsync("/api/incoming-letters", new
        {
            senderInstitution = "Kementerian Dalam Negeri",
            senderNumber = "000.1/4521/SJ",
            subject = "Permintaan data kependudukan semester II",
            classificationCode = "400.12",
            security = "Biasa",
            urgency = "Segera",
            to = new[] { new { positionId = f.Position(HeadTitle) } },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var incoming = (await Json(registered)).GetProperty("id").GetGuid();
        using var head = await f.As(CorrespondenceFixture.Addressee);

        var reply = await Json(await head.PostAsJsonAsync("/api/letters", Reply(incoming)));

        Assert.Equal("Balasan: Permintaan data kependudukan semester II", reply.GetProperty("subject").GetString());
        Assert.Equal("400.12", reply.GetProperty("classificationCode").GetString());
        var to = Assert.Single(reply.GetProperty("recipients").EnumerateArray());
        Assert.Equal("Kementerian Dalam Negeri", to.GetProperty("external").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_reply_to_a_letter_the_caller_cannot_see_is_404_and_creates_nothing()
    {
        var original = await SentLetterAsync("Rahasia");
        using var stranger = await f.As(CorrespondenceFixture.Stranger);
        var before = await f.ScalarAsync<long>("select count(*) from correspondence.letters");

        var unseen = await stranger.PostAsJsonAsync("/api/letters", new
        {
            replyToLetterId = original,
            urgency = "Biasa",
            signerPositionId = f.Position("Kepala Bidang Mutasi dan Promosi"),
        });
        var unknown = await stranger.PostAsJsonAsync("/api/letters", new
        {
            replyToLetterId = Guid.CreateVersion7(),
            urgency = "Biasa",
            signerPositionId = f.Position("Kepala Bidang Mutasi dan Promosi"),
        });

        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, await f.ScalarAsync<long>("select count(*) from correspondence.letters"));
    }

    [Fact]
    public async Task A_forward_lands_in_the_recipients_inbox_marked_with_who_forwarded_it_and_the_note()
    {
        var id = await SentLetterAsync(subject: "Undangan sosialisasi KTP elektronik");
        using var head = await f.As(CorrespondenceFixture.Addressee);
        using var section = await f.As("andi.kurniawan@eoffice.local"); // Kepala Seksi Identitas Penduduk

        Assert.Equal(HttpStatusCode.NotFound, (await section.GetAsync($"/api/letters/{id}")).StatusCode);
        var forwarded = await head.PostAsJsonAsync($"/api/letters/{id}/forward", new
        {
            to = new[] { new { positionId = f.Position("Kepala Seksi Identitas Penduduk") } },
            note = "Mohon hadir mewakili",
        });

        Assert.Equal(HttpStatusCode.Created, forwarded.StatusCode);
        var inbox = await section.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox?unread=true");
        var entry = Assert.Single(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("letterId").GetGuid() == id);
        Assert.Equal(HeadTitle, entry.GetProperty("forwardedBy").GetString());
        Assert.Equal("Mohon hadir mewakili", entry.GetProperty("forwardNote").GetString());
        Assert.True(entry.GetProperty("unread").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await section.GetAsync($"/api/letters/{id}")).StatusCode);

        // Reading it clears the entry's unread mark; the timeline keeps the forward.
        Assert.Equal(HttpStatusCode.OK, (await section.PostAsync($"/api/letters/{id}/read", null)).StatusCode);
        var after = await section.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox?unread=true");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("letterId").GetGuid() == id);
        var timeline = await head.GetFromJsonAsync<JsonElement>($"/api/letters/{id}/timeline");
        var entryOnTimeline = Assert.Single(timeline.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "forwarded");
        Assert.Equal("Mohon hadir mewakili", entryOnTimeline.GetProperty("detail").GetProperty("note").GetString());
        Assert.Equal("Kepala Seksi Identitas Penduduk", entryOnTimeline.GetProperty("detail").GetProperty("to")[0].GetString());

        // The one it reached can pass it on further down.
        var again = await section.PostAsJsonAsync($"/api/letters/{id}/forward", new { to = new[] { new { positionId = f.Position("Pengolah Data Kependudukan") } } });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var events = await f.QueryAsync<string>(
            "select payload::text from correspondence.outbox where exchange = 'eoffice.letter-forwarded' and payload ->> 'letterId' = @id order by seq",
            new { id = id.ToString() });
        Assert.Equal(2, events.Count);
        var first = JsonDocument.Parse(events[0]).RootElement;
        Assert.Equal(f.Position(HeadTitle), first.GetProperty("fromPositionId").GetGuid());
        Assert.Equal(f.Position("Kepala Seksi Identitas Penduduk"), first.GetProperty("toPositionIds")[0].GetGuid());
        Assert.Equal("Undangan sosialisasi KTP elektronik", first.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Only_a_recipient_forwards_and_never_a_secret_letter()
    {
        var id = await SentLetterAsync();
        var secret = await SentLetterAsync("Rahasia");
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        using var stranger = await f.As(CorrespondenceFixture.Stranger);
        using var head = await f.As(CorrespondenceFixture.Addressee);
        var to = new { to = new[] { new { positionId = f.Position("Kepala Seksi Identitas Penduduk") } } };

        var byDrafter = await drafter.PostAsJsonAsync($"/api/letters/{id}/forward", to);
        var byStranger = await stranger.PostAsJsonAsync($"/api/letters/{id}/forward", to);
        var secretOne = await head.PostAsJsonAsync($"/api/letters/{secret}/forward", to);
        var noTarget = await head.PostAsJsonAsync($"/api/letters/{id}/forward", new { to = Array.Empty<object>() });
        var unknown = await head.PostAsJsonAsync($"/api/letters/{id}/forward", new { to = new[] { new { positionId = Guid.CreateVersion7() } } });
        var addressee = await head.PostAsJsonAsync($"/api/letters/{id}/forward",
            new { to = new[] { new { positionId = f.Position("Sekretaris Dinas Kependudukan dan Pencatatan Sipil") } } });

        Assert.Equal(HttpStatusCode.Forbidden, byDrafter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secretOne.StatusCode);
        Assert.Equal("secret-letter", (await Json(secretOne)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.True((await Json(unknown)).GetProperty("errors").TryGetProperty("to[0].positionId", out _));
        Assert.True((await Json(addressee)).GetProperty("errors").TryGetProperty("to[0].positionId", out _));
        Assert.Equal(0, await f.ScalarAsync<long>("select count(*) from correspondence.letter_forwards where letter_id = any(@ids)", new { ids = new[] { id, secret } }));
    }

    [Fact]
    public async Task A_reply_and_a_forward_form_one_thread_oldest_first_and_a_secret_reply_stays_hidden_from_a_forward_recipient()
    {
        var original = await SentLetterAsync(subject: "Koordinasi layanan adminduk daring");
        using var head = await f.As(CorrespondenceFixture.Addressee);
        using var clerk = await f.As(CorrespondenceFixture.AddresseeSecretariat); // Disdukcapil's secretariat, not an addressee
        using var signer = await f.As(CorrespondenceFixture.Signer);

        (await head.PostAsJsonAsync($"/api/letters/{original}/forward", new
        {
            to = new[] { new { positionId = f.Position("Pengadministrasi Persuratan Dinas Dukcapil") } },
            note = "Agendakan",
        })).EnsureSuccessStatusCode();
        var open = (await Json(await head.PostAsJsonAsync("/api/letters", Reply(original)))).GetProperty("id").GetGuid();
        await SendOwnAsync(head, open);
        var secret = (await Json(await head.PostAsJsonAsync("/api/letters", Reply(original, "Rahasia")))).GetProperty("id").GetGuid();
        await SendOwnAsync(head, secret);

        async Task<List<(Guid Id, string Relation)>> ThreadAsync(HttpClient client, Guid from)
        {
            var thread = await client.GetFromJsonAsync<JsonElement>($"/api/letters/{from}/thread");
            return thread.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("relation").GetString()!)).ToList();
        }

        var everything = new List<(Guid, string)> { (original, "original"), (original, "forward"), (open, "reply"), (secret, "reply") };
        Assert.Equal(everything, await ThreadAsync(head, original));
        Assert.Equal(everything, await ThreadAsync(head, secret));
        Assert.Equal(everything, await ThreadAsync(signer, open));

        // The forward's recipient sees the original, the forward and the ordinary reply (its agency's secretariat), never the Rahasia one.
        var seen = await ThreadAsync(clerk, original);
        Assert.Equal(new List<(Guid, string)> { (original, "original"), (original, "forward"), (open, "reply") }, seen);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/letters/{secret}/thread")).StatusCode);

        var forward = (await head.GetFromJsonAsync<JsonElement>($"/api/letters/{original}/thread")).GetProperty("items")[1];
        Assert.Equal(HeadTitle, forward.GetProperty("forward").GetProperty("by").GetString());
        Assert.Equal("Agendakan", forward.GetProperty("forward").GetProperty("note").GetString());
        Assert.Equal("Pengadministrasi Persuratan Dinas Dukcapil", forward.GetProperty("forward").GetProperty("to")[0].GetString());
    }
}
