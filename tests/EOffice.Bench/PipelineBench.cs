using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using EOffice.Directory.Auth;
using EOffice.ServiceDefaults.Auth;
using EOffice.Testing;

namespace EOffice.Bench;

/// <summary>What one pipeline run measured.</summary>
internal sealed record PipelineResult(
    int Letters,
    int Concurrency,
    double Seconds,
    double LettersPerSecond,
    IReadOnlyList<StepTimes> Steps,
    IReadOnlyList<double> EndToEnd,
    double TransactionsPerLetter,
    double RawTransactionsPerLetter)
{
    /// <summary>CPU milliseconds per letter by process over the run (see <see cref="ProcCpu.Snapshot"/>).</summary>
    public IReadOnlyDictionary<string, double> CpuPerLetter { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// N letters, C at a time, draft → submit → review → sign → send through the gateway, until every one is in
/// the recipient's inbox, archived in both units and notified; the database's own ceiling (pgbench) beside it.
/// </summary>
internal static class PipelineBench
{
    public static async Task<Report> RunAsync(BenchOptions o, BenchPlatform platform, CancellationToken ct)
    {
        var report = new Report("pipeline", "Pipeline: letters per second, per step, against the database ceiling");
        var result = await MeasureAsync(platform, o.Letters, o.Concurrency, ct);
        var hash = await PasswordHashAsync(platform, ct);
        Console.WriteLine($"bench: pgbench simple-update (-N) for {o.PgbenchSeconds} s on a scratch database");
        var ceiling = await PgBench.RunAsync(o.PgbenchSeconds, o.Concurrency, ct);

        var signP50 = Stats.Median([.. result.Steps.Select(s => s.Sign)]);
        var ceilingLetters = result.TransactionsPerLetter > 0 ? ceiling.Tps / result.TransactionsPerLetter : double.NaN;
        report.Summary($"{result.Letters} letters, {result.Concurrency} at a time: **{Report.F(result.LettersPerSecond, "F2")} letters/s** " +
                       $"(draft → inbox + archive + notification, {Report.F(result.Seconds)} s)");
        report.Summary($"per step p50 (ms): create {P(result, s => s.Create, 50)}, submit {P(result, s => s.Submit, 50)}, review {P(result, s => s.Review, 50)}, " +
                       $"sign {P(result, s => s.Sign, 50)}, send {P(result, s => s.Send, 50)}");
        report.Summary($"password hash (PBKDF2 as Directory verifies it): {Report.Ms(hash.InProcess)} ms in process, " +
                       $"{Report.Ms(hash.Call)} ms as Directory's verify-password call = {Report.F(100 * hash.Call / signP50, "F0")}% of sign p50");
        report.Summary($"database: {Report.F(result.TransactionsPerLetter)} transactions per letter; pgbench ceiling {Report.F(ceiling.Tps, "F0")} TPS " +
                       $"→ {Report.F(ceilingLetters)} letters/s at most; measured = **{Report.F(100 * result.LettersPerSecond / ceilingLetters)}% of the ceiling**");

        report.Text(BenchPlatform.RateLimitNote);
        report.Heading("Throughput");
        report.Table(["what", "value"],
        [
            ["letters", Report.N(result.Letters)],
            ["at a time", Report.N(result.Concurrency)],
            ["wall time (first create → last letter complete)", Report.F(result.Seconds) + " s"],
            ["letters/s", Report.F(result.LettersPerSecond, "F2")],
            ["end to end per letter p50 / p95 (create → complete)", $"{Report.Ms(Stats.Percentile(result.EndToEnd, 50))} / {Report.Ms(Stats.Percentile(result.EndToEnd, 95))} ms"],
        ]);
        report.Text("A letter counts when it is in the recipient's inbox (delivered), archived in the sender's and the recipient's unit, " +
                    "and the recipient has its notification — read from the services' own tables every 100 ms.");
        report.Heading("Per step (through the gateway, ms)");
        report.Table(["step", "p50", "p95", "max"],
            new (string, Func<StepTimes, double>)[]
            {
                ("create", s => s.Create), ("submit", s => s.Submit), ("review", s => s.Review), ("sign", s => s.Sign), ("send", s => s.Send),
            }.Select(x => (IReadOnlyList<string>)[x.Item1, P(result, x.Item2, 50), P(result, x.Item2, 95), P(result, x.Item2, 100)]));
        report.Heading("Where the cores go (CPU ms per letter)");
        var machine = result.CpuPerLetter.GetValueOrDefault(ProcCpu.Machine);
        report.Table(["process", "CPU ms per letter", "share of the machine's busy time"],
            result.CpuPerLetter.Where(c => c.Key != ProcCpu.Machine).OrderByDescending(c => c.Value)
                .Select(c => (IReadOnlyList<string>)[c.Key, Report.F(c.Value, "F0"), machine > 0 ? Report.F(100 * c.Value / machine, "F0") + " %" : "?"])
                .Append([ProcCpu.Machine, Report.F(machine, "F0"), "100 %"]));
        report.Text($"User + system CPU time of each process over the run (/proc/<pid>/stat), divided by the letters. At " +
                    $"{Report.F(machine, "F0")} CPU ms per letter the machine's {Environment.ProcessorCount} cores can do at most " +
                    $"{Report.F(machine > 0 ? 1000 * Environment.ProcessorCount / machine : double.NaN, "F1")} letters/s however the work is scheduled; " +
                    "PostgreSQL and RabbitMQ count all their processes (other databases on the server included), the bench its own polling clients.");
        report.Summary($"CPU per letter: {Report.F(machine, "F0")} ms on the whole machine → at most " +
                       $"{Report.F(machine > 0 ? 1000 * Environment.ProcessorCount / machine : double.NaN, "F1")} letters/s on {Environment.ProcessorCount} cores; largest: " +
                       string.Join(", ", result.CpuPerLetter.Where(c => c.Key != ProcCpu.Machine).OrderByDescending(c => c.Value).Take(3)
                           .Select(c => $"{c.Key} {Report.F(c.Value, "F0")}")));

        report.Heading("The password check in sign");
        report.Text($"Signing re-confirms the signer's password: Correspondence calls Directory's `/internal/auth/verify-password`, which verifies " +
                    $"the stored ASP.NET Core Identity hash (PBKDF2-HMAC-SHA512, 100,000 iterations). Verifying it alone, in this process with " +
                    $"the same hasher (`EOffice.Directory.Auth.Passwords`), takes **{Report.Ms(hash.InProcess)} ms** (median of {hash.Runs}); " +
                    $"the whole call to Directory **{Report.Ms(hash.Call)} ms** — {Report.F(100 * hash.Call / signP50, "F0")}% of sign's p50 " +
                    $"({Report.Ms(signP50)} ms). The hash keeps its strength; this is what it costs.");
        report.Heading("Database ceiling");
        report.Table(["what", "value"],
        [
            ["pgbench", $"simple-update (-N), {ceiling.Clients} clients, {ceiling.Seconds} s, scale 1, scratch database on the same server"],
            ["ceiling", Report.F(ceiling.Tps, "F0") + " TPS"],
            ["transactions per letter", $"{Report.F(result.TransactionsPerLetter)} (raw {Report.F(result.RawTransactionsPerLetter)} before subtracting the idle background rate and the bench's own polls)"],
            ["ceiling in letters/s (TPS ÷ transactions per letter)", Report.F(ceilingLetters)],
            ["measured ÷ ceiling", Report.F(100 * result.LettersPerSecond / ceilingLetters) + " %"],
        ]);
        report.Text("Transactions per letter come from `pg_stat_database.xact_commit` of the platform's database over the run, less the idle rate " +
                    "(outbox relays and other background polls, measured for 5 s before) and the bench's own completion polls. " +
                    "A pgbench -N transaction is 3 small writes and a read; a letter's are of similar size, so the fraction says how much of " +
                    "the database's capacity the platform turns into letters.");
        return report;
    }

    private static string P(PipelineResult r, Func<StepTimes, double> step, double p) => Report.Ms(Stats.Percentile([.. r.Steps.Select(step)], p));

    /// <summary>Runs <paramref name="letters"/> letters <paramref name="concurrency"/> at a time (after a warm-up) and waits for each to complete.</summary>
    public static async Task<PipelineResult> MeasureAsync(BenchPlatform platform, int letters, int concurrency, CancellationToken ct)
    {
        var flow = new LetterFlow(platform);
        Console.WriteLine($"bench: warm-up ({concurrency} letters)");
        var warm = new CompletionWatch(platform);
        var warmDone = false;
        var warmWatch = warm.RunAsync(Stopwatch.GetTimestamp(), () => !warmDone, TimeSpan.FromMinutes(5), ct);
        await Parallel.ForEachAsync(Enumerable.Range(0, concurrency), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) => warm.Sent((await flow.RunAsync($"Pemanasan {i}", true, token)).Id));
        warmDone = true;
        await warmWatch;

        var idleStart = await platform.CommitsAsync();
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var idleRate = (await platform.CommitsAsync() - idleStart - 1) / idleClock.Elapsed.TotalSeconds;

        Console.WriteLine($"bench: {letters} letters, {concurrency} at a time");
        var before = await platform.CommitsAsync();
        var cpuBefore = ProcCpu.Snapshot(platform);
        var start = Stopwatch.GetTimestamp();
        var watch = new CompletionWatch(platform);
        var allSent = false;
        var watching = watch.RunAsync(start, () => !allSent, TimeSpan.FromMinutes(30), ct);
        var steps = new ConcurrentBag<StepTimes>();
        var started = new ConcurrentDictionary<Guid, double>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, letters), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, token) =>
                {
                    var at = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    var (id, times) = await flow.RunAsync($"Uji kinerja naskah {i + 1}", true, token);
                    started[id] = at;
                    steps.Add(times);
                    watch.Sent(id);
                });
        }
        finally
        {
            allSent = true;
        }

        await watching;
        var cpuAfter = ProcCpu.Snapshot(platform);
        var cpu = cpuAfter.ToDictionary(c => c.Key, c => 1000 * (c.Value - cpuBefore.GetValueOrDefault(c.Key)) / letters, StringComparer.Ordinal);
        var seconds = watch.Done.Values.Max();
        var after = await platform.CommitsAsync();
        var raw = (after - before) / (double)letters;
        var net = (after - before - idleRate * seconds - watch.Queries - 2) / letters;
        var endToEnd = watch.Done.Select(d => 1000 * (d.Value - started[d.Key])).ToList();
        Console.WriteLine($"bench: {letters} letters in {seconds:F1} s = {letters / seconds:F2} letters/s");
        return new PipelineResult(letters, concurrency, seconds, letters / seconds, [.. steps], endToEnd, net, raw) { CpuPerLetter = cpu };
    }

    private sealed record HashCost(double InProcess, double Call, int Runs);

    private static async Task<HashCost> PasswordHashAsync(BenchPlatform platform, CancellationToken ct)
    {
        const int runs = 20;
        var hash = Passwords.Hash(PlatformFixture.DemoPassword);
        Passwords.Verify(hash, PlatformFixture.DemoPassword);
        var inProcess = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            if (!Passwords.Verify(hash, PlatformFixture.DemoPassword).Ok)
            {
                throw new InvalidOperationException("The password did not verify.");
            }

            inProcess.Add(clock.Elapsed.TotalMilliseconds);
        }

        using var directory = new HttpClient { BaseAddress = platform.Fixture.ServiceAddresses["directory"] };
        var calls = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/auth/verify-password")
            {
                Content = JsonContent.Create(new { userId = platform.People.Signer.UserId, password = PlatformFixture.DemoPassword, clientAddress = "127.0.0.1" }),
            };
            request.Headers.Add(InternalKey.Header, PlatformFixture.InternalKey);
            var clock = Stopwatch.StartNew();
            using var response = await directory.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            if (i > 0)
            {
                calls.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new HashCost(Stats.Median(inProcess), Stats.Median(calls), runs);
    }
}
