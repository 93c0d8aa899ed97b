using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EOffice.Testing;
using Npgsql;

namespace EOffice.EndToEnd.Tests;

/// <summary>The platform with its services reaching RabbitMQ and Postgres through links the test can cut (its own processes: it kills one).</summary>
public sealed class FaultPlatformFixture() : PlatformFixture(new PlatformOptions { BrokerProxy = true, PostgresProxy = true });

/// <summary>The fault scenario's own platform, apart from the one the other scenarios share.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultPlatformFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "faults";
}

/// <summary>
/// The reduced fault run of <c>./eoffice bench faults</c>: letters keep flowing through the gateway while the
/// services lose RabbitMQ for ~10 s and Notification is killed (<c>kill -9</c>) and started again. Every letter
/// still reaches the recipient's inbox once, is archived once in each unit and notifies the recipient once,
/// and the broker outage costs the clients no 5xx.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultScenarioTests(FaultPlatformFixture platform)
{
    [Fact]
    public async Task Letters_sent_through_a_broker_outage_and_a_killed_service_arrive_once_each_and_the_outage_costs_no_5xx()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        var recipientPosition = positions["Kepala Bidang Mutasi dan Promosi"];
        var signerPosition = positions["Kepala Bidang Aplikasi Informatika"];
        var drafter = await platform.LoginAsync("fajar.nugroho@eoffice.local");
        var signer = await platform.LoginAsync("yusuf.maulana@eoffice.local");

        var phase = "before";
        var failures = new ConcurrentQueue<(string Phase, string What)>();
        var sent = new ConcurrentQueue<Guid>();
        using var stop = new CancellationTokenSource();

        // Each POST carries an Idempotency-Key, so a client may try a failed step again without doing it twice.
        async Task<HttpResponseMessage> PostAsync(string token, string path, object body, string key)
        {
            while (true)
            {
                var during = phase;
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", key);
                try
                {
                    var response = await platform.Gateway.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    failures.Enqueue((during, $"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"));
                    response.Dispose();
                }
                catch (HttpRequestException ex)
                {
                    failures.Enqueue((during, $"{path} no answer: {ex.Message}"));
                }

                await Task.Delay(300);
            }
        }

        async Task SendLettersAsync(int client)
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                using var created = await PostAsync(drafter, "/api/letters",
                    LetterDraft.NotaDinas($"Uji gangguan {client}-{i}", recipientPosition, signerPosition, "Naskah dikirim selama gangguan jaringan dan layanan."),
                    Guid.NewGuid().ToString("N"));
                var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
                (await PostAsync(drafter, $"/api/letters/{id}/submit", new { }, $"{id}-submit")).Dispose();
                (await PostAsync(signer, $"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword }, $"{id}-sign")).Dispose();
                (await PostAsync(signer, $"/api/letters/{id}/send", new { }, $"{id}-send")).Dispose();
                sent.Enqueue(id);
                await Task.Delay(200);
            }
        }

        var clients = Task.WhenAll(SendLettersAsync(1), SendLettersAsync(2));
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count >= 2), "letters flow before the faults", TimeSpan.FromSeconds(60));

        phase = "broker outage";
        var before = sent.Count;
        platform.BrokerLink!.Cut();
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count >= before + 4), "letters are sent while the broker is unreachable", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(10)); // the outage lasts at least this long (not an assertion on time)
        platform.BrokerLink.Restore();

        phase = "notification killed";
        await platform.KillAsync("notification");
        before = sent.Count;
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count >= before + 2), "letters are sent while Notification is down", TimeSpan.FromSeconds(60));
        await platform.RestartAsync("notification");

        phase = "after";
        before = sent.Count;
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count >= before + 2), "letters flow after the faults", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await clients;

        var letters = sent.ToArray();
        await using var db = new NpgsqlConnection(platform.DatabaseConnectionString);
        await db.OpenAsync();
        List<(Guid Id, long Deliveries, long Records, long Units, long Notified, long MostPerPerson)> states = [];
        await Eventually.HoldsAsync(async () =>
        {
            states = await StatesAsync(db, letters);
            return states.All(s => s.Deliveries >= 1 && s.Units == 2 && s.Notified >= 1);
        }, "every letter is in the recipient's inbox, archived in both units and notified", TimeSpan.FromSeconds(120));

        Assert.Equal(letters.Length, states.Count);
        Assert.All(states, s =>
        {
            Assert.Equal(1, s.Deliveries);
            Assert.Equal(2, s.Records);
            Assert.Equal(1, s.MostPerPerson);
        });
        var outageErrors = failures.Where(f => f.Phase == "broker outage").Select(f => f.What).ToList();
        Assert.True(outageErrors.Count == 0, "The broker outage cost the clients errors: " + string.Join("; ", outageErrors.Take(10)));
    }

    private static async Task<List<(Guid, long, long, long, long, long)>> StatesAsync(NpgsqlConnection db, Guid[] letters)
    {
        await using var command = new NpgsqlCommand(
            """
            select l.id,
              (select count(*) from correspondence.timeline t where t.letter_id = l.id and t.action = 'delivered'),
              (select count(*) from archive.records a where a.letter_id = l.id),
              (select count(distinct a.unit_id) from archive.records a where a.letter_id = l.id),
              (select count(*) from notification.notifications n where n.link = '/letters/' || l.id::text and n.kind = 'letter-received'),
              coalesce((select max(c) from (select count(*) as c from notification.notifications n
                        where n.link = '/letters/' || l.id::text and n.kind = 'letter-received' group by n.user_id) x), 0)
            from unnest(@ids) as l(id)
            """, db);
        command.Parameters.AddWithValue("ids", letters);
        var states = new List<(Guid, long, long, long, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return states;
    }
}
