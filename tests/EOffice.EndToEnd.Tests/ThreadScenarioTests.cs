using System.Net;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Issue 15's thread scenario through the gateway: an addressee forwards a letter (the recipient sees it in the
/// inbox marked forwarded and is notified), replies to it once openly and once Rahasia; the thread shows all of
/// it oldest first to her, and to the forward's recipient everything but the Rahasia reply.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ThreadScenarioTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_reply_and_a_forward_appear_in_one_thread_and_a_secret_reply_stays_hidden_from_the_forward_recipient()
    {
        if (!platform.StartedServices.Contains("correspondence") || !platform.StartedServices.Contains("notification"))
        {
            throw new InvalidOperationException("Correspondence and Notification must be built; the scenario needs them.");
        }

        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = platform.As(await platform.LoginAsync("fajar.nugroho@eoffice.local"));
        using var reviewer = platform.As(await platform.LoginAsync("lina.marlina@eoffice.local"));
        using var signer = platform.As(await platform.LoginAsync("yusuf.maulana@eoffice.local"));
        using var head = platform.As(await platform.LoginAsync("nurul.hidayah@eoffice.local"));   // Kepala Dinas Dukcapil
        using var clerk = platform.As(await platform.LoginAsync("ahmad.fauzi@eoffice.local"));   // Dukcapil's secretariat

        var created = await drafter.PostJsonAsync("/api/letters", new
        {
            type = "Surat Dinas",
            subject = "Integrasi data kependudukan untuk layanan daring",
            body = "Dengan hormat, kami mohon dukungan integrasi data.",
            classificationCode = "400.12",
            security = "Biasa",
            urgency = "Segera",
            to = new[] { new { positionId = positions["Kepala Dinas Kependudukan dan Pencatatan Sipil"] } },
            reviewers = new[] { positions["Kepala Seksi Pengembangan Aplikasi"] },
            signerPositionId = positions["Kepala Bidang Aplikasi Informatika"],
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var original = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await drafter.PostJsonAsync($"/api/letters/{original}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostJsonAsync($"/api/letters/{original}/review", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{original}/sign", new { password = PlatformFixture.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{original}/send", new { })).StatusCode);

        var forwarded = await head.PostJsonAsync($"/api/letters/{original}/forward", new
        {
            to = new[] { new { positionId = positions["Pengadministrasi Persuratan Dinas Dukcapil"] } },
            note = "Agendakan dan siapkan bahan rapat",
        });
        Assert.Equal(HttpStatusCode.Created, forwarded.StatusCode);
        var entry = (await clerk.GetJsonAsync("/api/mailbox/inbox")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("letterId").GetGuid() == original);
        Assert.Equal("Kepala Dinas Kependudukan dan Pencatatan Sipil", entry.Text("forwardedBy"));
        Assert.Equal("Agendakan dan siapkan bahan rapat", entry.Text("forwardNote"));
        await Eventually.HoldsAsync(async () => (await clerk.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Any(n => n.Text("kind") == "letter-forwarded" && n.Text("link") == $"/letters/{original}"), "the forward recipient was notified");

        async Task<Guid> ReplyAsync(string? security)
        {
            var reply = await head.PostJsonAsync("/api/letters", new
            {
                replyToLetterId = original,
                urgency = "Biasa",
                body = "Dengan hormat, kami sampaikan tanggapan.",
                security,
                signerPositionId = positions["Kepala Dinas Kependudukan dan Pencatatan Sipil"],
            });
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
            var view = await reply.ReadJsonAsync();
            Assert.Equal("Balasan: Integrasi data kependudukan untuk layanan daring", view.Text("subject"));
            Assert.Equal(positions["Kepala Bidang Aplikasi Informatika"], view.GetProperty("recipients")[0].GetProperty("positionId").GetGuid());
            var id = view.GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await head.PostJsonAsync($"/api/letters/{id}/submit", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await head.PostJsonAsync($"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await head.PostJsonAsync($"/api/letters/{id}/send", new { })).StatusCode);
            return id;
        }

        var open = await ReplyAsync(null);
        var secret = await ReplyAsync("Rahasia");

        async Task<List<(Guid, string)>> ThreadAsync(HttpClient client) =>
            (await client.GetJsonAsync($"/api/letters/{original}/thread")).GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("id").GetGuid(), i.Text("relation")!)).ToList();

        Assert.Equal([(original, "original"), (original, "forward"), (open, "reply"), (secret, "reply")], await ThreadAsync(head));
        Assert.Equal([(original, "original"), (original, "forward"), (open, "reply")], await ThreadAsync(clerk));
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync(new Uri($"/api/letters/{secret}", UriKind.Relative))).StatusCode);
        var timeline = (await head.GetJsonAsync($"/api/letters/{original}/timeline")).GetProperty("items").EnumerateArray()
            .Select(e => e.Text("action")).ToList();
        Assert.Contains("forwarded", timeline);
    }
}
