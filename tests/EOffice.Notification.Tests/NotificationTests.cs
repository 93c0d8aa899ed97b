using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Notification.Webhooks;
using EOffice.ServiceDefaults.Data;
using EOffice.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Notification.Tests;

public sealed class NotificationTests(NotificationFixture f) : IClassFixture<NotificationFixture>
{
    private const string Head = "hendra.gunawan@eoffice.local";      // Kepala Dinas Kominfo
    private const string Secretary = "ratna.wulandari@eoffice.local"; // Sekretaris Dinas Kominfo, made Plh of the head below

    private LetterReceived Received(Guid position, string? subject = "Undangan rapat koordinasi", string security = "Biasa") =>
        new(Guid.CreateVersion7(), "000.1.2/7/DISKOMINFO/2026", subject, security, "Segera", position, Guid.Empty, false, false, "000.1.2",
            new DateOnly(2026, 11, 27), Guid.Empty, DateTimeOffset.UtcNow)
        { Sender = "Kepala Bidang Aplikasi Informatika" };

    private Task<int> CountAsync(Guid messageId) =>
        f.ScalarAsync<int>("select count(*)::int from notification.notifications where source_message_id = @messageId", new { messageId });

    [Fact]
    public async Task A_letter_to_a_position_with_an_acting_holder_notifies_holder_and_acting_holder_once_each_even_when_delivered_twice()
    {
        var head = f.Position("Kepala Dinas Komunikasi dan Informatika");
        using var admin = await f.DirectoryAs("admin@eoffice.local");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var acting = await admin.PostAsJsonAsync($"/api/org/positions/{head}/acting",
            new { userId = f.Users[Secretary], from = today.AddDays(-1), to = today.AddDays(7), kind = "Plh" });
        Assert.Equal(HttpStatusCode.Created, acting.StatusCode);
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
            "select count(*)::int from notification.org_acting where position_id = @head", new { head }) == 1, "the acting holder reached Notification");

        var messageId = NewId.NextGuid();
        var letter = Received(head);
        await f.PublishAsync(letter, messageId);
        await f.PublishAsync(letter, messageId);
        var marker = NewId.NextGuid();
        await f.PublishAsync(Received(head), marker);
        // Two replicas consume in parallel, so the marker may be handled before the letter: wait for both.
        await Eventually.HoldsAsync(async () => await CountAsync(marker) == 2 && await CountAsync(messageId) >= 2,
            "the letter and the marker were fanned out");

        var users = await f.QueryAsync<Guid>("select user_id from notification.notifications where source_message_id = @messageId", new { messageId });
        Assert.Equal(new[] { f.Users[Head], f.Users[Secretary] }.Order(), users.Order());
        using var secretary = await f.As(Secretary);
        var list = await secretary.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        var item = list.GetProperty("items").EnumerateArray().First(n => n.GetProperty("link").GetString() == $"/letters/{letter.LetterId}");
        Assert.Equal("Naskah masuk: Undangan rapat koordinasi", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_secret_letters_notification_names_no_subject()
    {
        var messageId = NewId.NextGuid();
        await f.PublishAsync(Received(f.Position("Kepala Bidang Aplikasi Informatika"), subject: null, security: "Rahasia"), messageId);
        await Eventually.HoldsAsync(async () => await CountAsync(messageId) == 1, "the notification was made");

        var title = await f.ScalarAsync<string>("select title from notification.notifications where source_message_id = @messageId", new { messageId });
        Assert.Equal("Naskah masuk: (naskah bersifat Rahasia)", title);
    }

    [Fact]
    public async Task Unread_count_goes_up_with_a_notification_and_down_as_it_is_read()
    {
        const string user = "teguh.prasetyo@eoffice.local";
        using var client = await f.As(user);
        async Task<int> Unread() => (await client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32();
        var before = await Unread();
        var first = NewId.NextGuid();
        var second = NewId.NextGuid();
        await f.PublishAsync(Received(f.Position("Kepala Seksi Pengelolaan Informasi Publik")), first);
        await f.PublishAsync(Received(f.Position("Kepala Seksi Pengelolaan Informasi Publik")), second);
        await Eventually.HoldsAsync(async () => await Unread() == before + 2, "both notifications are unread");

        var id = (await client.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true")).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(before + 1, await Unread());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/notifications/read-all", null)).StatusCode);
        Assert.Equal(0, await Unread());
        using var other = await f.As("intan.permatasari@eoffice.local");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
    }

    [Fact]
    public async Task The_stream_delivers_a_notification_made_by_another_replica_and_resumes_after_reconnecting()
    {
        const string user = "andi.kurniawan@eoffice.local";
        var position = f.Position("Kepala Seksi Identitas Penduduk");
        using var client = await f.As(user, f.Replica);
        var events = new List<(string Id, string Data)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // The stream says ": connected" once it has read where it starts from: only then is a new notification news to it.
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = ReadStreamAsync(client, null, events, 1, cts.Token, connected);
        await connected.Task.WaitAsync(cts.Token);

        // Made by replica A's fan-out; the browser is connected to replica B.
        await MakeOnReplicaAAsync(Received(position, "Pertama"));
        await reading;
        var first = Assert.Single(events);
        Assert.Contains("Pertama", first.Data, StringComparison.Ordinal);

        // While disconnected, another one arrives; reconnecting with Last-Event-ID replays it.
        await MakeOnReplicaAAsync(Received(position, "Kedua"));
        var resumed = new List<(string Id, string Data)>();
        using var cts2 = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ReadStreamAsync(client, first.Id, resumed, 1, cts2.Token);
        Assert.Contains("Kedua", Assert.Single(resumed).Data, StringComparison.Ordinal);
        Assert.True(long.Parse(resumed[0].Id, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(first.Id, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Webhook_deliveries_are_signed_with_the_subscriptions_secret_and_not_with_another()
    {
        const string secret = "rahasia-bersama-kota-depok-2026";
        using var admin = await f.As("admin@eoffice.local");
        var created = await admin.PostAsJsonAsync("/api/webhooks", new { url = f.ReceiverUrl("/signed"), events = new[] { "eoffice.letter-signed" }, secret });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var letter = Guid.CreateVersion7();

        await f.PublishAsync(new LetterSigned(letter, "000.1.2/9/DISKOMINFO/2026", new DateOnly(2026, 11, 28), Guid.Empty, Guid.Empty, DateTimeOffset.UtcNow));
        await Eventually.HoldsAsync(() => Task.FromResult(f.Hooks.Any(h => h.Path == "/signed" && h.Body.Contains(letter.ToString(), StringComparison.Ordinal))),
            "the webhook was delivered");

        var hook = f.Hooks.First(h => h.Path == "/signed" && h.Body.Contains(letter.ToString(), StringComparison.Ordinal));
        string Hmac(string key) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(hook.Body)));
        Assert.Equal(Hmac(secret), hook.Headers["x-eoffice-signature"]);
        Assert.NotEqual(Hmac("another-secret-entirely"), hook.Headers["x-eoffice-signature"]);
        Assert.Equal("eoffice.letter-signed", hook.Headers["x-eoffice-event"]);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal(hook.Headers["x-eoffice-timestamp"], body.GetProperty("timestamp").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var staff = await f.As("fajar.nugroho@eoffice.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/webhooks/events")).StatusCode);

        // The events the admin screen offers are the public exchanges, the one subscribed here among them.
        var events = (await admin.GetFromJsonAsync<JsonElement>("/api/webhooks/events")).GetProperty("items").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("eoffice.letter-signed", events);
        Assert.DoesNotContain(events, e => e!.StartsWith("eoffice.internal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhook_endpoint_that_fails_is_retried_and_then_succeeds_once()
    {
        using var admin = await f.As("admin@eoffice.local");
        var created = await admin.PostAsJsonAsync("/api/webhooks", new { url = f.ReceiverUrl("/flaky"), events = new[] { "eoffice.letter-read" }, secret = "flaky-endpoint-secret" });
        var webhook = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await f.PublishAsync(new LetterRead(Guid.CreateVersion7(), Guid.Empty, Guid.Empty, DateTimeOffset.UtcNow, null, DateTimeOffset.UtcNow));
        JsonElement delivery = default;
        await Eventually.HoldsAsync(async () =>
        {
            var log = await admin.GetFromJsonAsync<JsonElement>($"/api/webhooks/{webhook}/deliveries");
            delivery = log.GetProperty("items").EnumerateArray().FirstOrDefault();
            return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("status").GetString() == "Succeeded";
        }, "the delivery succeeded after a retry");

        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal([500, 200], delivery.GetProperty("log").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(2, f.Hooks.Count(h => h.Path == "/flaky"));
    }

    [Fact]
    public async Task A_hanging_webhook_endpoint_delays_neither_in_app_notifications_nor_other_endpoints()
    {
        using var admin = await f.As("admin@eoffice.local");
        await admin.PostAsJsonAsync("/api/webhooks", new { url = f.ReceiverUrl("/slow"), events = new[] { "eoffice.letter-received" }, secret = "slow-endpoint-secret" });
        await admin.PostAsJsonAsync("/api/webhooks", new { url = f.ReceiverUrl("/fast"), events = new[] { "eoffice.letter-received" }, secret = "fast-endpoint-secret" });
        var messageId = NewId.NextGuid();
        var letter = Received(f.Position("Kepala Bidang Informasi dan Komunikasi Publik"), "Saat webhook macet");

        await f.PublishAsync(letter, messageId);

        await Eventually.HoldsAsync(async () => await CountAsync(messageId) == 1, "the in-app notification was made");
        await Eventually.HoldsAsync(() => Task.FromResult(f.Hooks.Any(h => h.Path == "/fast" && h.Body.Contains(letter.LetterId.ToString(), StringComparison.Ordinal))),
            "the other endpoint got its delivery");
        Assert.True(f.Hooks.Any(h => h.Path == "/slow"), "the slow endpoint was called");
        Assert.False(f.SlowGate.Task.IsCompleted, "and is still hanging");
        f.SlowGate.TrySetResult();
    }

    [Fact]
    public async Task A_redirect_from_a_webhook_endpoint_is_not_followed_and_its_target_gets_nothing()
    {
        var target = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        target.Start();
        try
        {
            var port = ((IPEndPoint)target.LocalEndpoint).Port;
            using var admin = await f.As("admin@eoffice.local");
            var created = await admin.PostAsJsonAsync("/api/webhooks", new
            {
                url = f.ReceiverUrl($"/redirect?to=http://127.0.0.1:{port}/stolen"),
                events = new[] { "eoffice.disposition-cancelled" },
                secret = "rahasia-yang-dialihkan",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var webhook = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            await f.PublishAsync(new DispositionCancelled(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.Empty, Guid.Empty, DateTimeOffset.UtcNow));
            JsonElement delivery = default;
            await Eventually.HoldsAsync(async () =>
            {
                var log = await admin.GetFromJsonAsync<JsonElement>($"/api/webhooks/{webhook}/deliveries");
                delivery = log.GetProperty("items").EnumerateArray().FirstOrDefault();
                return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("attempts").GetInt32() >= 2;
            }, "the redirecting endpoint was tried and retried");

            Assert.NotEqual("Succeeded", delivery.GetProperty("status").GetString());
            Assert.Equal(307, delivery.GetProperty("lastStatusCode").GetInt32());
            Assert.Equal("HTTP 307: redirects are not followed", delivery.GetProperty("lastError").GetString());
            Assert.Contains(f.Hooks, h => h.Path == "/redirect");
            Assert.False(target.Pending(), "the redirect's target was never connected to");
        }
        finally
        {
            target.Stop();
        }
    }

    [Fact]
    public async Task A_webhook_to_an_allowed_network_is_delivered_whatever_the_address_spelling_and_ipv6_loopback_stays_refused()
    {
        using var admin = await f.As("admin@eoffice.local");
        var port = new Uri(f.ReceiverUrl("/")).Port;
        var created = await admin.PostAsJsonAsync("/api/webhooks", new { url = $"http://2130706433:{port}/spelled", events = new[] { "eoffice.record-created" }, secret = "rahasia-jaringan-kota" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mapped = await admin.PostAsJsonAsync("/api/webhooks", new { url = $"http://[::ffff:127.0.0.1]:{port}/mapped", events = new[] { "eoffice.record-created" }, secret = "rahasia-jaringan-kota" });
        Assert.Equal(HttpStatusCode.Created, mapped.StatusCode);
        var refused = await admin.PostAsJsonAsync("/api/webhooks", new { url = $"http://[::1]:{port}/v6", events = new[] { "eoffice.record-created" }, secret = "rahasia-jaringan-kota" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var elsewhere = await admin.PostAsJsonAsync("/api/webhooks", new { url = "http://10.0.0.1/hook", events = new[] { "eoffice.record-created" }, secret = "rahasia-jaringan-kota" });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);

        var record = Guid.CreateVersion7();
        await f.PublishAsync(new RecordCreated(record, Guid.CreateVersion7(), Guid.Empty, "000.1.2", "Active", DateTimeOffset.UtcNow));
        await Eventually.HoldsAsync(() => Task.FromResult(f.Hooks.Any(h => h.Path == "/spelled" && h.Body.Contains(record.ToString(), StringComparison.Ordinal))),
            "the webhook on the allowed loopback network was delivered");
        await Eventually.HoldsAsync(() => Task.FromResult(f.Hooks.Any(h => h.Path == "/mapped" && h.Body.Contains(record.ToString(), StringComparison.Ordinal))),
            "the webhook to its IPv4-mapped IPv6 form was delivered too");
    }

    [Fact]
    public async Task Email_goes_to_users_who_chose_it_for_that_kind()
    {
        const string user = "maya.puspitasari@eoffice.local";
        using var client = await f.As(user);
        var put = await client.PutAsJsonAsync("/api/notification-preferences", new[] { new { kind = "letter-received", email = true } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var bad = await client.PutAsJsonAsync("/api/notification-preferences", new[] { new { kind = "everything", email = true } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        await f.PublishAsync(Received(f.Position("Kepala Subbidang Jabatan dan Kepangkatan"), "Permohonan data jabatan"));
        await f.PublishAsync(Received(f.Position("Analis Sumber Daya Manusia Aparatur"), "Untuk yang tidak memilih email"));

        await Eventually.HoldsAsync(() => Task.FromResult(f.Smtp.Messages.Any(m => m.To.Contains(user))), "the email reached the SMTP sink");
        var mail = f.Smtp.Messages.First(m => m.To.Contains(user));
        Assert.Contains("Permohonan data jabatan", mail.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(f.Smtp.Messages, m => m.To.Contains("dimas.aditya@eoffice.local"));
    }

    private async Task MakeOnReplicaAAsync(LetterReceived letter)
    {
        var db = f.Service.Services.GetRequiredService<Db>();
        var fanout = f.Service.Services.GetRequiredService<Fanout.EventFanout>();
        await using var uow = await db.BeginAsync();
        await fanout.HandleAsync(uow, letter, NewId.NextGuid(), CancellationToken.None);
        await uow.CommitAsync();
    }

    private static async Task ReadStreamAsync(
        HttpClient client, string? lastEventId, List<(string Id, string Data)> events, int wanted, CancellationToken ct, TaskCompletionSource? connected = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? id = null;
        while (events.Count < wanted && await reader.ReadLineAsync(ct) is { } line)
        {
            if (line == ": connected")
            {
                connected?.TrySetResult();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && id is not null)
            {
                events.Add((id, line[6..]));
            }
        }
    }
}
