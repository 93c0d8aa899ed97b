using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;

namespace EOffice.Bench;

/// <summary>
/// Letters keep flowing (a steady trickle, each retried through errors as a client would, with its
/// Idempotency-Key) while the platform suffers: (a) the broker link cut, (b) kill -9 of each service and a
/// restart, (c) the Postgres link cut, (d) a batch of already-sent events delivered twice more. Then every
/// letter is counted: in the inbox, archived once per unit, notified once per person.
/// </summary>
internal static class FaultsBench
{
    private const string Baseline = "baseline";
    private const string Redelivery = "(d) redelivery of sent events, twice";

    public static async Task<Report> RunAsync(BenchOptions o, BenchPlatform platform, CancellationToken ct)
    {
        var broker = platform.Fixture.BrokerLink ?? throw new InvalidOperationException("faults needs the platform behind its broker link.");
        var postgres = platform.Fixture.PostgresLink ?? throw new InvalidOperationException("faults needs the platform behind its Postgres link.");
        var outage = TimeSpan.FromSeconds(o.OutageSeconds);
        var settle = TimeSpan.FromSeconds(Math.Clamp(o.OutageSeconds / 2, 5, 15));
        var errors = new ErrorLog { Phase = Baseline };
        var flow = new LetterFlow(platform, errors);
        var letters = new ConcurrentDictionary<Guid, string>();
        var phases = new List<string> { Baseline };
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var gaveUp = new ConcurrentBag<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        async Task Trickle(int worker)
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var phase = errors.Phase;
                try
                {
                    var (id, _) = await flow.RunAsync($"Uji ketahanan {worker}-{++i}", false, ct);
                    letters[id] = phase;
                }
                catch (TimeoutException ex)
                {
                    gaveUp.Add($"{phase}: {ex.Message}");
                }

                await Task.Delay(250, ct);
            }
        }

        void Phase(string name)
        {
            errors.Phase = name;
            phases.Add(name);
            Console.WriteLine($"bench: fault {name}");
        }

        var clock = Stopwatch.StartNew();
        var trickle = Task.WhenAll(Enumerable.Range(1, 2).Select(Trickle));
        await Task.Delay(settle, ct);

        Phase($"(a) broker link cut for {o.OutageSeconds} s");
        broker.Cut();
        await Task.Delay(outage, ct);
        broker.Restore();
        await Task.Delay(settle, ct);

        foreach (var service in platform.Fixture.StartedServices)
        {
            var name = $"(b) kill -9 {service}, restart";
            Phase(name);
            await platform.Fixture.KillAsync(service);
            var restart = Stopwatch.StartNew();
            await platform.Fixture.RestartAsync(service);
            notes[name] = $"ready again {restart.Elapsed.TotalSeconds:F1} s after the kill";
            await Task.Delay(settle, ct);
        }

        Phase($"(c) Postgres link cut for {o.OutageSeconds} s");
        postgres.Cut();
        await Task.Delay(outage, ct);
        postgres.Restore();
        await Task.Delay(settle, ct);

        Phase(Redelivery);
        var redelivered = new HashSet<Guid>();
        await using (var db = await platform.OpenDatabaseAsync())
        {
            for (var round = 1; round <= 2; round++)
            {
                // The relay publishes a row again with the same MessageId (the row id), as after a crash between publish and mark.
                var ids = (await db.QueryAsync<Guid>(
                    """
                    update correspondence.outbox set sent_at = null
                    where id in (select id from correspondence.outbox where sent_at is not null order by seq desc limit 50)
                    returning id
                    """)).ToList();
                var letterIds = await db.QueryAsync<Guid>(
                    "select distinct (payload ->> 'letterId')::uuid from correspondence.outbox where id = any(@ids) and payload ->> 'letterId' is not null", new { ids = ids.ToArray() });
                redelivered.UnionWith(letterIds);
                var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
                while (await db.ExecuteScalarAsync<int>("select count(*)::int from correspondence.outbox where id = any(@ids) and sent_at is null", new { ids = ids.ToArray() }) > 0)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException("The relay did not publish the reset outbox rows again within 2 min.");
                    }

                    await Task.Delay(200, ct);
                }

                notes[Redelivery] = $"{ids.Count} sent events of Correspondence's outbox published again, twice (round {round} done)";
            }
        }

        notes[Redelivery] += $"; they concern {redelivered.Count} letters";
        await Task.Delay(settle, ct);
        await stop.CancelAsync();
        try
        {
            await trickle;
        }
        catch (OperationCanceledException)
        {
            // the trickle ends with the run
        }

        Console.WriteLine($"bench: {letters.Count} letters sent; waiting until each is in the inbox, archived and notified (at most 5 min)");
        IReadOnlyList<LetterState> states = [];
        await using (var db = await platform.OpenDatabaseAsync())
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            do
            {
                states = await LetterState.ReadAsync(db, letters.Keys.ToList());
                if (states.All(s => s.Complete))
                {
                    break;
                }

                await Task.Delay(1000, ct);
            }
            while (DateTime.UtcNow < deadline);
        }

        var byId = states.ToDictionary(s => s.Id);
        var report = new Report("faults", "Faults: letters flowing through outages, kills and redelivery");
        var totalLost = states.Count(s => !s.Complete);
        var totalDup = states.Count(s => s.Duplicated);
        report.Summary($"{letters.Count} letters sent through the faults in {clock.Elapsed.TotalMinutes:F1} min: **{totalLost} lost, {totalDup} duplicated**" +
                       (gaveUp.IsEmpty ? "" : $"; {gaveUp.Count} letters given up by the client after 5 min of errors"));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var phase in phases)
        {
            var mine = phase == Redelivery
                ? redelivered.Where(byId.ContainsKey).Select(id => byId[id]).ToList()
                : letters.Where(l => l.Value == phase).Select(l => byId[l.Key]).ToList();
            var lost = mine.Count(s => !s.Complete);
            var dup = mine.Count(s => s.Duplicated);
            var errs = ErrorLog.Describe(errors.In(phase));
            rows.Add([phase, Report.N(mine.Count), Report.N(lost), Report.N(dup), errs, notes.GetValueOrDefault(phase, "")]);
            report.Summary($"{phase}: {mine.Count} letters, {lost} lost, {dup} duplicated; API errors: {errs}");
        }

        report.Text(BenchPlatform.RateLimitNote);
        report.Text("The shared RabbitMQ and Postgres servers are never stopped: the platform reaches each through a TCP proxy on loopback, " +
                    "and an outage is that link cut (every connection dropped, new ones refused) — what the services see when the server goes away. " +
                    "A kill is `kill -9` of the service's process; the same process is then started again on the same port with the same settings. " +
                    "Redelivery resets `sent_at` of the last 50 sent rows of Correspondence's outbox, so the relay publishes them again with their " +
                    "original MessageId (what happens after a crash between publish and mark), and does it twice.");
        report.Text("Two clients send letters throughout (draft → submit → sign → send through the gateway, each POST with an Idempotency-Key, " +
                    "a failed step retried every 0.5 s as a client would). A letter belongs to the phase in which it was started; the redelivery " +
                    "row counts the letters whose events were delivered again. Lost: not in the recipient's inbox, or not archived in both units, " +
                    "or the recipient not notified, 5 min after the last fault. Duplicated: delivered twice, two records of one unit, or two " +
                    "notifications for one person. API errors are every non-2xx answer (and connection failure) the clients saw during the phase.");
        report.Table(["fault", "letters", "lost", "duplicated", "API errors by status", "note"], rows);
        if (!gaveUp.IsEmpty)
        {
            report.Heading("Letters the client gave up on");
            foreach (var g in gaveUp.Take(20))
            {
                report.Text("- " + g);
            }
        }

        return report;
    }
}
