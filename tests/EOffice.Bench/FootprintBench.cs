using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Testing;

namespace EOffice.Bench;

/// <summary>Memory of every service and the gateway idle after start and after a pipeline run; Postgres and RabbitMQ.</summary>
internal static class FootprintBench
{
    public static async Task<Report> RunAsync(BenchOptions o, BenchPlatform platform, CancellationToken ct)
    {
        Console.WriteLine("bench: idle for 10 s after start");
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var idle = platform.Rss();
        var idlePss = platform.Pss();
        var idleServers = await ServersAsync(platform);
        var pipeline = await PipelineBench.MeasureAsync(platform, o.Letters, o.Concurrency, ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var after = platform.Rss();
        var afterPss = platform.Pss();
        var afterServers = await ServersAsync(platform);

        var report = new Report("footprint", "Footprint: memory of each process idle and after a pipeline run");
        var names = idle.Keys.OrderBy(k => k == "gateway" ? 1 : 0).ThenBy(k => PlatformFixture.Services.ToList().IndexOf(k)).ToList();
        var worst = names.Where(n => n != "gateway").Max(n => idle[n]);
        report.Summary($"idle after start (VmRSS, MB): {string.Join(", ", names.Select(n => $"{n} {Report.Mb(idle[n])}"))}; largest service **{Report.Mb(worst)} MB**");
        report.Summary($"idle PSS (MB; the runtime's shared files divided among the six .NET processes): " +
                       string.Join(", ", names.Select(n => $"{n} {Report.Mb(idlePss.GetValueOrDefault(n))}")));
        report.Summary($"after {pipeline.Letters} letters ({Report.F(pipeline.LettersPerSecond, "F2")} letters/s): " +
                       string.Join(", ", names.Select(n => $"{n} {Report.Mb(after.GetValueOrDefault(n))}")));
        report.Summary($"Postgres {idleServers.Postgres} → {afterServers.Postgres}; RabbitMQ {idleServers.Rabbit} → {afterServers.Rabbit}");
        report.Text("Each service and the gateway runs as `dotnet <dll>` from the Release build with the settings it ships with (server GC unless " +
                    "its configuration says otherwise). VmRSS is read from /proc/<pid>/status 10 s after the platform is ready, and 5 s after " +
                    $"{pipeline.Letters} letters ({pipeline.Concurrency} at a time) went from draft to inbox, archive and notification.");
        report.Table(["process", "idle MB", "after the pipeline MB", "growth MB", "idle PSS MB", "after PSS MB"],
            names.Select(n => (IReadOnlyList<string>)[n, Report.Mb(idle[n]), Report.Mb(after.GetValueOrDefault(n)), Report.Mb(after.GetValueOrDefault(n) - idle[n]),
                Report.Mb(idlePss.GetValueOrDefault(n)), Report.Mb(afterPss.GetValueOrDefault(n))]));
        report.Text("VmRSS counts in full, in every process, the runtime and framework files (libcoreclr, System.Private.CoreLib, " +
                    "ASP.NET Core) that all six .NET processes map from the same files, which the kernel keeps once; PSS divides those among " +
                    "the processes that share them, so the PSS column is what each process adds to the machine.");
        report.Heading("Postgres and RabbitMQ (shared servers: every test database and virtual host counts)");
        report.Table(["server", "idle", "after the pipeline"],
        [
            ["PostgreSQL", idleServers.Postgres, afterServers.Postgres],
            ["RabbitMQ", idleServers.Rabbit, afterServers.Rabbit],
        ]);
        report.Text("PostgreSQL: the sum of every postgres process's private memory (RssAnon) plus shared_buffers, which each process maps and " +
                    "VmRSS would count again; the platform's database alone is named by its size. RabbitMQ: the beam.smp process's VmRSS and the " +
                    "node's own count (management API mem_used).");
        return report;
    }

    private sealed record Servers(string Postgres, string Rabbit);

    private static async Task<Servers> ServersAsync(BenchPlatform platform)
    {
        var pg = ProcMemory.Named("postgres");
        var anon = pg.Sum(p => ProcMemory.Rss(p, "RssAnon"));
        await using var db = await platform.OpenDatabaseAsync();
        var shared = await db.ExecuteScalarAsync<string>("select current_setting('shared_buffers')");
        var size = await db.ExecuteScalarAsync<string>("select pg_size_pretty(pg_database_size(current_database()))");
        var postgres = $"{pg.Count} processes, {Report.Mb(anon)} MB private + shared_buffers {shared}; platform database {size}";

        var beam = ProcMemory.Named("beam.smp").Sum(p => ProcMemory.Rss(p));
        string used;
        try
        {
            var env = await TestEnvironment.GetAsync();
            using var management = env.ManagementClient();
            var nodes = await management.GetFromJsonAsync<JsonElement>("/api/nodes");
            used = Report.Mb(nodes[0].GetProperty("mem_used").GetInt64()) + " MB mem_used";
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            used = "mem_used ?";
        }

        return new Servers(postgres, $"beam.smp {Report.Mb(beam)} MB VmRSS, {used}");
    }
}
