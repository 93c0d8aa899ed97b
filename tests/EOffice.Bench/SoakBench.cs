using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace EOffice.Bench;

/// <summary>
/// A steady mixed load for a while — readers (unread count, inbox, a letter) at a fixed pace and letters
/// going through the pipeline two at a time — with one row per window: memory of every process, read and
/// letter p99, errors. Shows growth and drift.
/// </summary>
internal static class SoakBench
{
    private sealed record Window(int Index, double At, int Reads, double ReadP50, double ReadP99, int Letters, double LetterP99, int Errors, IReadOnlyDictionary<string, long> Rss);

    public static async Task<Report> RunAsync(BenchOptions o, BenchPlatform platform, CancellationToken ct)
    {
        var flow = new LetterFlow(platform);
        var first = (await flow.RunAsync("Uji daya tahan awal", false, ct)).Id;
        var reads = new ConcurrentBag<double>();
        var letterTimes = new ConcurrentBag<double>();
        var errors = 0;
        var windows = new List<Window>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(o.SoakSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, ct);
        string[] paths = ["/api/notifications/unread-count", "/api/mailbox/inbox", $"/api/letters/{first}"];
        var start = Stopwatch.StartNew();
        var baseline = platform.Rss();

        async Task Reader(int n)
        {
            var i = n;
            while (!linked.IsCancellationRequested)
            {
                var path = paths[i++ % paths.Length];
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await platform.People.KeepFreshAsync();
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.People.Recipient.Token);
                    using var response = await platform.Fixture.Gateway.SendAsync(request, linked.Token);
                    await response.Content.ReadAsByteArrayAsync(linked.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        reads.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }

                    // About 20 reads a second per reader: a steady pace, not a flood.
                    await Task.Delay(50, linked.Token);
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        async Task Writer(int n)
        {
            var i = 0;
            while (!linked.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await flow.RunAsync($"Uji daya tahan {n}-{++i}", false, linked.Token);
                    letterTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    await Task.Delay(500, linked.Token);
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        Console.WriteLine($"bench: soak for {o.SoakSeconds} s: 4 readers at ~20 req/s each and 2 letter writers, a row every {o.WindowSeconds} s");
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(Reader).Concat(Enumerable.Range(1, 2).Select(Writer)));
        var index = 0;
        while (!linked.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(o.WindowSeconds), linked.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the last, partial window
            }

            var r = Drain(reads);
            var l = Drain(letterTimes);
            var e = Interlocked.Exchange(ref errors, 0);
            var w = new Window(++index, start.Elapsed.TotalSeconds, r.Count, Stats.Percentile(r, 50), Stats.Percentile(r, 99), l.Count, Stats.Percentile(l, 99), e, platform.Rss());
            windows.Add(w);
            Console.WriteLine($"bench: window {w.Index} at {w.At:F0} s: {w.Reads} reads p99 {w.ReadP99:F1} ms, {w.Letters} letters p99 {w.LetterP99:F0} ms, {w.Errors} errors");
        }

        await load;
        ct.ThrowIfCancellationRequested();

        var report = new Report("soak", "Soak: a steady mixed load, memory growth and p99 drift");
        var names = baseline.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var firstW = windows[0];
        var lastW = windows[^1];
        report.Summary($"{o.SoakSeconds} s, {windows.Sum(w => w.Reads)} reads and {windows.Sum(w => w.Letters)} letters; errors: **{windows.Sum(w => w.Errors)}**");
        report.Summary($"read p99 first → last window: {Report.Ms(firstW.ReadP99)} → {Report.Ms(lastW.ReadP99)} ms; letter p99 {Report.Ms(firstW.LetterP99)} → {Report.Ms(lastW.LetterP99)} ms");
        report.Summary("memory growth first → last window (MB): " + string.Join(", ", names.Select(n => $"{n} {Report.Mb(lastW.Rss.GetValueOrDefault(n) - firstW.Rss.GetValueOrDefault(n))}")));
        report.Text(BenchPlatform.RateLimitNote);
        report.Text("Load: 4 readers through the gateway, each ~20 requests/s in turn on the unread count, the inbox (which grows through the run) and " +
                    "one letter; 2 writers each sending a letter (draft → submit → sign → send) every 0.5 s after the last. Each row is one window: " +
                    "reads and letters completed in it, their p50/p99, errors (non-2xx or no answer), and VmRSS of every process at its end.");
        report.Table(["window", "at s", "reads", "read p50 ms", "read p99 ms", "letters", "letter p99 ms", "errors", .. names.Select(n => n + " MB")],
            windows.Select(w => (IReadOnlyList<string>)[w.Index.ToString(CultureInfo.InvariantCulture), Report.F(w.At, "F0"), Report.N(w.Reads), Report.Ms(w.ReadP50),
                Report.Ms(w.ReadP99), Report.N(w.Letters), Report.Ms(w.LetterP99), Report.N(w.Errors), .. names.Select(n => Report.Mb(w.Rss.GetValueOrDefault(n)))]));
        report.Text("Memory at the start of the load (MB): " + string.Join(", ", names.Select(n => $"{n} {Report.Mb(baseline[n])}")) + ".");
        return report;
    }

    private static List<double> Drain(ConcurrentBag<double> bag)
    {
        var list = new List<double>();
        while (bag.TryTake(out var v))
        {
            list.Add(v);
        }

        return list;
    }
}
