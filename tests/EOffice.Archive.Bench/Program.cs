using System.Diagnostics;
using System.Globalization;
using System.Text;
using EOffice.Org;
using EOffice.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Archive.Bench;

/// <summary>
/// Loads up to a million realistic records into a real Archive and measures search latency (API and
/// direct SQL) and the lifecycle job; see <see cref="BenchOptions.Usage"/>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions o;
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(BenchOptions.Usage);
                return 0;
            }

            o = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("bench: " + ex.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        try
        {
            await RunAsync(o, args, cts.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: cancelled");
            return 130;
        }
    }

    private static async Task RunAsync(BenchOptions o, string[] args, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var output = Path.GetFullPath(o.Out ?? Path.Combine(RepositoryRoot(), ".eoffice", "bench", "archive-search.md"));
        // Like a test runner: WebApplicationFactory finds the services' content roots through MvcTestingAppManifest.json in the current directory.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var env = await TestEnvironment.GetAsync();
        BenchHost.DatabaseName = o.Database;
        Console.WriteLine($"bench: sizes {string.Join(", ", o.Sizes.Select(Report.N))}; {o.Iterations} iterations per query and way after {o.Warmup} warm-up runs");

        var notes = new List<string>();
        var results = new List<SizeResult>();
        IReadOnlyList<QueryCase> cases = [];
        var machine = new List<string>();
        var host = await BenchHost.OpenAsync(env, o.Fresh, DataGenerator.Version);
        try
        {
            // An interrupted run may have left shifted retention dates: put them back before the service's job sees them.
            if (await host.ScalarAsync<bool>("select to_regclass('archive.records') is not null"))
            {
                await LifecycleBench.RestoreAsync(host);
            }

            Console.WriteLine("bench: starting Directory and Archive");
            await host.StartAsync();
            machine.AddRange(await MachineAsync(host));
            foreach (var m in machine)
            {
                Console.WriteLine("bench: " + m);
            }

            var gen = await DataGenerator.CreateAsync(host);
            var today = host.Service.Services.GetRequiredService<OrgChart>().Today;
            var plans = new StringBuilder("# Plans of the first variant of each query (EXPLAIN ANALYZE, BUFFERS)\n\n");
            foreach (var size in o.Sizes)
            {
                var loaded = await gen.LoadedAsync();
                if (loaded > size)
                {
                    var note = $"Size {Report.N(size)} skipped: the reused database already holds {Report.N(loaded)} records (run with --fresh to measure it).";
                    notes.Add(note);
                    Console.WriteLine("bench: " + note);
                    continue;
                }

                Console.WriteLine($"bench: ===== {Report.N(size)} records =====");
                LoadResult? load = null;
                if (loaded < size)
                {
                    load = await gen.LoadAsync(size, today, ct);
                }
                else
                {
                    var (built, wall) = await gen.BuildIndexesAsync(ct);
                    if (built.Count > 0)
                    {
                        await host.ExecuteAsync("vacuum analyze records");
                        load = new LoadResult(size, size, TimeSpan.Zero, built, wall, TimeSpan.Zero);
                    }
                }

                var count = await host.ScalarAsync<long>("select count(*) from records");
                if (count != size)
                {
                    throw new InvalidOperationException($"archive.records holds {count} records, expected {size}.");
                }

                if (cases.Count == 0)
                {
                    cases = await SearchBench.CasesAsync(host, gen);
                }

                var tableSize = await host.ScalarAsync<string>("select pg_size_pretty(pg_table_size('records'))");
                var indexSizes = await host.ScalarAsync<string>("select pg_size_pretty(pg_indexes_size('records'))");
                if (o.Search)
                {
                    Console.WriteLine($"bench: measuring {cases.Count} queries at {Report.N(size)} records");
                }

                plans.AppendLine(CultureInfo.InvariantCulture, $"## {Report.N(size)} records").AppendLine();
                var measured = o.Search ? await SearchBench.RunAsync(host, cases, o.Warmup, o.Iterations, plans, ct) : [];
                LifecycleResult? lifecycle = null;
                if (o.Lifecycle)
                {
                    lifecycle = await LifecycleBench.RunAsync(host, size, today, ct);
                }

                var result = new SizeResult(size, load, tableSize, indexSizes, measured, lifecycle);
                results.Add(result);
                if (o.Search)
                {
                    Console.WriteLine();
                    Console.WriteLine($"Search latency at {Report.N(size)} records (ms):");
                    Console.WriteLine(Report.Latencies(result).Text());
                }
            }

            if (results.Count == 0)
            {
                throw new InvalidOperationException("Nothing was measured.");
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Whole run: {total.Elapsed.TotalMinutes:F1} min."));
            var markdown = Report.Markdown(o, machine, results, cases, notes, "EOffice.Archive.Bench " + string.Join(' ', args));
            await File.WriteAllTextAsync(output, markdown, ct);
            var plansFile = Path.ChangeExtension(output, null) + "-plans.md";
            await File.WriteAllTextAsync(plansFile, plans.ToString(), ct);

            Console.WriteLine("Data set and load:");
            Console.WriteLine(Report.Loads(results).Text());
            foreach (var r in results.Where(r => r.Cases.Count > 0))
            {
                Console.WriteLine($"Search latency at {Report.N(r.Size)} records (ms):");
                Console.WriteLine(Report.Latencies(r).Text());
            }

            if (results.Count(r => r.Cases.Count > 0) > 1)
            {
                Console.WriteLine("How latency grows with the archive (p95, ms):");
                Console.WriteLine(Report.Growth(results).Text());
            }

            if (results.Any(r => r.Lifecycle is not null))
            {
                Console.WriteLine("Lifecycle job:");
                Console.WriteLine(Report.Lifecycle(results).Text());
            }

            Console.WriteLine($"bench: wrote {output} and {plansFile}");
        }
        finally
        {
            await host.DisposeAsync();
            if (!o.Keep)
            {
                Console.WriteLine($"bench: dropping database {BenchHost.DatabaseName} (use --keep to keep it for re-runs)");
                await BenchHost.DropAsync(host.Admin);
            }
            else
            {
                Console.WriteLine($"bench: kept database {BenchHost.DatabaseName}");
            }
        }
    }

    private static async Task<IReadOnlyList<string>> MachineAsync(BenchHost host)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? (await File.ReadAllLinesAsync("/proc/cpuinfo")).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? (await File.ReadAllLinesAsync("/proc/meminfo")).FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var version = await host.ScalarAsync<string>("select version()");
        var settings = await host.QueryAsync<(string, string)>(
            """
            select name, current_setting(name) from pg_settings
            where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather')
            order by name
            """);
        return
        [
            $"nproc: {Environment.ProcessorCount}" + (cpu is null ? "" : $" ({cpu})"),
            $"memory: {memory ?? "?"}",
            $"PostgreSQL: {version}",
            "PostgreSQL settings: " + string.Join(", ", settings.Select(s => $"{s.Item1}={s.Item2}")),
            $".NET: {Environment.Version}; Postgres, the benchmark, Directory and Archive share the machine",
        ];
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EOffice.sln")) && File.Exists(Path.Combine(dir.FullName, "eoffice")))
                {
                    return dir.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
