using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EOffice.Testing;

namespace EOffice.Bench;

/// <summary>
/// The same endpoints directly against their service and through the gateway, alternated in one run, with
/// wrk (a Lua script sets the Authorization header): requests/s, p50/p99, and the ratio gateway/direct.
/// </summary>
internal static partial class ApiBench
{
    private sealed record Endpoint(string Name, string Service, string Path);

    private sealed record WrkResult(double Rps, double P50, double P99, long Requests, long Non2xx, string Errors);

    public static async Task<Report> RunAsync(BenchOptions o, BenchPlatform platform, CancellationToken ct)
    {
        var wrk = File.Exists("/usr/bin/wrk") ? "/usr/bin/wrk" : "wrk";
        var seed = Math.Min(o.Letters, 20);
        Console.WriteLine($"bench: sending {seed} letters so the inbox has something to list");
        var flow = new LetterFlow(platform);
        var ids = new List<Guid>();
        for (var i = 0; i < seed; i++)
        {
            ids.Add((await flow.RunAsync($"Naskah untuk uji API {i + 1}", false, ct)).Id);
        }

        Endpoint[] endpoints =
        [
            new("light: GET /api/notifications/unread-count", "notification", "/api/notifications/unread-count"),
            new("inbox: GET /api/mailbox/inbox", "correspondence", "/api/mailbox/inbox"),
            new("one letter: GET /api/letters/{id}", "correspondence", $"/api/letters/{ids[^1]}"),
        ];
        var reader = platform.People.Recipient;
        var results = endpoints.ToDictionary(e => e.Name, _ => (Direct: new List<WrkResult>(), Gateway: new List<WrkResult>()));
        var script = Path.Combine(Path.GetTempPath(), $"eoffice-bench-{Environment.ProcessId}.lua");
        try
        {
            async Task<WrkResult> Run(Endpoint e, bool viaGateway, int seconds)
            {
                await platform.People.KeepFreshAsync();
                await File.WriteAllTextAsync(script, $"wrk.headers[\"Authorization\"] = \"Bearer {reader.Token}\"\n", ct);
                var url = new Uri(viaGateway ? platform.Fixture.GatewayAddress : platform.Fixture.ServiceAddresses[e.Service], e.Path);
                return await WrkAsync(wrk, script, url, o.ApiConnections, seconds, ct);
            }

            foreach (var e in endpoints)
            {
                // Sanity: each answers 200 both ways before it is timed; a short untimed run warms both.
                using var direct = platform.Direct(e.Service, reader.Token);
                (await direct.GetAsync(new Uri(e.Path, UriKind.Relative), ct)).EnsureSuccessStatusCode();
                using var gateway = platform.Fixture.As(reader.Token);
                (await gateway.GetAsync(new Uri(e.Path, UriKind.Relative), ct)).EnsureSuccessStatusCode();
                await Run(e, false, 2);
                await Run(e, true, 2);
            }

            for (var round = 0; round < o.ApiRounds; round++)
            {
                foreach (var e in endpoints)
                {
                    // Alternate which way goes first, so neither always follows the other.
                    foreach (var viaGateway in round % 2 == 0 ? new[] { false, true } : [true, false])
                    {
                        var r = await Run(e, viaGateway, o.ApiSeconds);
                        Console.WriteLine($"bench: round {round + 1} {e.Name} {(viaGateway ? "gateway" : "direct ")}: {r.Rps:F0} req/s, p50 {r.P50:F2} ms, p99 {r.P99:F2} ms");
                        (viaGateway ? results[e.Name].Gateway : results[e.Name].Direct).Add(r);
                    }
                }
            }
        }
        finally
        {
            File.Delete(script);
        }

        var report = new Report("api", "API: directly against the service and through the gateway");
        report.Text(BenchPlatform.RateLimitNote);
        report.Text($"wrk, {o.ApiConnections} connections, 2 threads, {o.ApiSeconds} s per measurement, {o.ApiRounds} rounds alternating direct and " +
                    "gateway (after a 2 s warm-up of each); the figures are the median over the rounds. The caller is Wahyu, whose inbox holds " +
                    $"{seed} letters. wrk runs on the same machine and takes CPU from both.");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var e in endpoints)
        {
            var (d, g) = results[e.Name];
            var dr = Stats.Median([.. d.Select(x => x.Rps)]);
            var gr = Stats.Median([.. g.Select(x => x.Rps)]);
            var errors = d.Concat(g).Sum(x => x.Non2xx);
            rows.Add([e.Name, Report.F(dr, "F0"), Report.F(gr, "F0"), "**" + Report.F(gr / dr, "F2") + "×**",
                Report.Ms(Stats.Median([.. d.Select(x => x.P50)])) + " / " + Report.Ms(Stats.Median([.. d.Select(x => x.P99)])),
                Report.Ms(Stats.Median([.. g.Select(x => x.P50)])) + " / " + Report.Ms(Stats.Median([.. g.Select(x => x.P99)])),
                Report.N(errors)]);
            report.Summary($"{e.Name}: direct {Report.F(dr, "F0")} req/s, gateway {Report.F(gr, "F0")} req/s = **{Report.F(gr / dr, "F2")}×**");
        }

        report.Heading("Requests per second and latency");
        report.Table(["endpoint", "direct req/s", "gateway req/s", "gateway ÷ direct", "direct p50 / p99 ms", "gateway p50 / p99 ms", "non-2xx"], rows);
        report.Heading("Every measurement");
        report.Table(["endpoint", "way", "round", "req/s", "p50 ms", "p99 ms", "requests", "socket errors"],
            endpoints.SelectMany(e => results[e.Name].Direct.Select((r, i) => (e, "direct", i, r))
                    .Concat(results[e.Name].Gateway.Select((r, i) => (e, "gateway", i, r))))
                .Select(x => (IReadOnlyList<string>)[x.e.Name, x.Item2, (x.i + 1).ToString(CultureInfo.InvariantCulture), Report.F(x.r.Rps, "F0"),
                    Report.Ms(x.r.P50), Report.Ms(x.r.P99), Report.N(x.r.Requests), x.r.Errors]));
        return report;
    }

    private static async Task<WrkResult> WrkAsync(string wrk, string script, Uri url, int connections, int seconds, CancellationToken ct)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--latency", "-s", script, url.ToString() })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("wrk is not installed (apt-get install wrk).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {output}{await stderr}");
            }

            var rps = Rps().Match(output);
            var p50 = Percentile(output, "50");
            var p99 = Percentile(output, "99");
            var requests = RequestCount().Match(output);
            var non2xx = Non2xx().Match(output);
            var socket = SocketErrors().Match(output);
            if (!rps.Success || p50 is null || p99 is null)
            {
                throw new InvalidOperationException("Could not read wrk's output: " + output);
            }

            return new WrkResult(
                double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), p50.Value, p99.Value,
                requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                socket.Success ? socket.Groups[1].Value.Trim() : "none");
        }
    }

    private static double? Percentile(string output, string p)
    {
        var m = Regex.Match(output, @"^\s*" + p + @"%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!m.Success)
        {
            return null;
        }

        var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "us" => v / 1000,
            "ms" => v,
            "s" => v * 1000,
            _ => v * 60_000,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrors();
}
