using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;
using EOffice.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EOffice.Bench;

/// <summary>
/// Send → the recipient's live event on <c>/api/notifications/stream</c> (SSE, through the gateway), one
/// letter at a time, against the floor measured in the same run: one outbox commit and one broker hop with
/// nothing else (the same <see cref="Db"/>/outbox relay/MassTransit code the services use, in this process).
/// </summary>
internal static partial class LatencyBench
{
    public static async Task<Report> RunAsync(BenchOptions o, BenchPlatform platform, CancellationToken ct)
    {
        var n = o.Letters;
        var flow = new LetterFlow(platform);
        Console.WriteLine($"bench: preparing {n} signed letters (not yet sent)");
        var ready = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            var id = await flow.CreateAsync($"Uji latensi {i + 1}", false, token);
            await flow.SubmitAsync(id, token);
            await flow.SignAsync(id, token);
            ready.Add(id);
        });

        var arrivals = new ConcurrentDictionary<Guid, TaskCompletionSource<long>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stream = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/stream");
        stream.Headers.Accept.ParseAdd("text/event-stream");
        stream.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.People.Recipient.Token);
        using var sseClient = new HttpClient { BaseAddress = platform.Fixture.GatewayAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await sseClient.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        response.EnsureSuccessStatusCode();
        var reading = ReadEventsAsync(await response.Content.ReadAsStreamAsync(stop.Token), arrivals, stop.Token);

        Console.WriteLine($"bench: sending {n} letters one at a time, waiting for each live event");
        var latencies = new List<double>();
        var sends = new List<double>();
        var i = 0;
        foreach (var id in ready)
        {
            var arrived = arrivals.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            var t0 = Stopwatch.GetTimestamp();
            await flow.SendAsync(id, ct);
            sends.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            var at = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            latencies.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
            if (++i % 50 == 0)
            {
                Console.WriteLine($"bench: {i}/{n}, p50 so far {Stats.Median(latencies):F1} ms");
            }
        }

        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // the stream ends with the run
        }

        Console.WriteLine($"bench: the floor: {n} outbox commits + broker hops in a bare host on the same Postgres and RabbitMQ");
        var floor = await FloorAsync(n, ct);

        var report = new Report("latency", "Live latency: send → the recipient's SSE event, against the floor");
        var p50 = Stats.Percentile(latencies, 50);
        var p99 = Stats.Percentile(latencies, 99);
        var f50 = Stats.Percentile(floor, 50);
        var f99 = Stats.Percentile(floor, 99);
        report.Summary($"send → live event over {n} letters: p50 **{Report.Ms(p50)} ms**, p99 **{Report.Ms(p99)} ms**, max {Report.Ms(latencies.Max())} ms");
        report.Summary($"floor (outbox commit + one broker hop): p50 {Report.Ms(f50)} ms, p99 {Report.Ms(f99)} ms → live p99 = **{Report.F(p99 / f99, "F1")}× the floor p99**");
        report.Text(BenchPlatform.RateLimitNote);
        report.Text("Each letter is drafted, submitted and signed beforehand; then, one at a time, the clock starts as Yusuf's `POST /api/letters/{id}/send` " +
                    "leaves and stops when the line naming the letter arrives on Wahyu's `GET /api/notifications/stream` (server-sent events, through " +
                    "the gateway). The path: Correspondence commits the letter and its events (outbox) → relay → RabbitMQ → Notification's consumer " +
                    "commits the notification → Postgres NOTIFY → the open stream → the gateway → the client.");
        report.Text("The floor is the least that path can cost here: in this process, a bare host built from the services' own ServiceDefaults " +
                    "(Db, UnitOfWork, outbox relay, MassTransit on RabbitMQ, IdempotentConsumer) commits one row with one event and times until its " +
                    "consumer receives it — one outbox commit and one broker hop with nothing else.");
        report.Table(["", "p50 ms", "p95 ms", "p99 ms", "max ms"],
        [
            ["send → live event", Report.Ms(p50), Report.Ms(Stats.Percentile(latencies, 95)), Report.Ms(p99), Report.Ms(latencies.Max())],
            ["of which the send call", Report.Ms(Stats.Percentile(sends, 50)), Report.Ms(Stats.Percentile(sends, 95)), Report.Ms(Stats.Percentile(sends, 99)), Report.Ms(sends.Max())],
            ["floor: outbox commit + broker hop", Report.Ms(f50), Report.Ms(Stats.Percentile(floor, 95)), Report.Ms(f99), Report.Ms(floor.Max())],
            ["live ÷ floor", Report.F(p50 / f50, "F1") + "×", Report.F(Stats.Percentile(latencies, 95) / Stats.Percentile(floor, 95), "F1") + "×", Report.F(p99 / f99, "F1") + "×", ""],
        ]);
        return report;
    }

    private static async Task ReadEventsAsync(Stream body, ConcurrentDictionary<Guid, TaskCompletionSource<long>> arrivals, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            foreach (Match m in LetterLink().Matches(line))
            {
                if (Guid.TryParse(m.Groups[1].Value, out var id))
                {
                    arrivals.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                }
            }
        }
    }

    [GeneratedRegex(@"/letters/([0-9a-fA-F-]{36})")]
    private static partial Regex LetterLink();

    /// <summary>Times <paramref name="n"/> round trips of commit + outbox relay + RabbitMQ + consumer (after 20 untimed).</summary>
    private static async Task<List<double>> FloorAsync(int n, CancellationToken ct)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var broker = await TestBroker.CreateAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "EOffice.Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = broker.Uri,
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Critical", // the first publish may wait for the bus to connect; it is untimed and retried
        });
        builder.Services.AddSingleton<FloorArrivals>();
        builder.AddDatabase("benchfloor", typeof(LatencyBench).Assembly);
        builder.AddMessaging("benchfloor", x => x.AddConsumer<FloorConsumer>());
        using var host = builder.Build();
        await host.StartAsync(ct);
        try
        {
            var db = host.Services.GetRequiredService<Db>();
            var arrivals = host.Services.GetRequiredService<FloorArrivals>();
            var times = new List<double>();
            for (var i = 0; i < n + 20; i++)
            {
                var id = Guid.CreateVersion7();
                var arrived = arrivals.Expect(id);
                var t0 = Stopwatch.GetTimestamp();
                await using (var uow = await db.BeginAsync(ct))
                {
                    await uow.PublishAsync(new FloorPinged(id));
                    await uow.CommitAsync();
                }

                // The first may wait for the bus to connect and the queue to bind.
                var at = await arrived.WaitAsync(TimeSpan.FromSeconds(i == 0 ? 60 : 30), ct);
                if (i >= 20)
                {
                    times.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
                }
            }

            return times;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}

/// <summary>The floor's event.</summary>
[EntityName("eoffice-bench.floor-pinged")]
public sealed record FloorPinged(Guid Id);

/// <summary>Where the floor's consumer reports arrivals.</summary>
public sealed class FloorArrivals
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _waiting = new();

    public Task<long> Expect(Guid id) =>
        _waiting.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Arrived(Guid id) =>
        _waiting.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(Stopwatch.GetTimestamp());
}

/// <summary>The floor's consumer: the same idempotent consumer every service uses (inbox row in its transaction).</summary>
public sealed class FloorConsumer(Db db, FloorArrivals arrivals) : IdempotentConsumer<FloorPinged>(db)
{
    protected override Task HandleAsync(FloorPinged message, UnitOfWork uow, CancellationToken ct)
    {
        arrivals.Arrived(message.Id);
        return Task.CompletedTask;
    }
}
