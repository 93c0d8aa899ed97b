using EOffice.Testing;

namespace EOffice.Bench;

/// <summary>The performance and resilience suite (<c>./eoffice bench &lt;part&gt;</c>); see <see cref="BenchOptions.Usage"/>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help" or "list" || (args[0] != "archive" && args.Contains("--help")))
        {
            Console.WriteLine(BenchOptions.Usage);
            return args.Length == 0 ? 2 : 0;
        }

        BenchOptions o;
        try
        {
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

        var directory = Path.GetFullPath(o.Out
            ?? (Environment.GetEnvironmentVariable("EOFFICE_BENCH_DIR") is { Length: > 0 } dir ? dir : Path.Combine(BuildOutput.Locate().Root, ".eoffice", "bench")));
        var command = "./eoffice bench " + string.Join(' ', args);
        var parts = o.Part == "all" ? BenchOptions.Parts : [o.Part];
        var failed = new List<string>();
        try
        {
            foreach (var part in parts)
            {
                try
                {
                    if (!await RunPartAsync(part, o, directory, command, cts.Token))
                    {
                        failed.Add(part);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cts.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"bench: {part} failed: {ex}");
                    failed.Add(part);
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: cancelled");
            return 130;
        }

        if (failed.Count > 0)
        {
            Console.Error.WriteLine($"bench: failed: {string.Join(", ", failed)}");
            return 1;
        }

        Console.WriteLine($"bench: reports in {directory}");
        return 0;
    }

    private static async Task<bool> RunPartAsync(string part, BenchOptions o, string directory, string command, CancellationToken ct)
    {
        Console.WriteLine($"bench: ===== {part} =====");
        if (part == "archive")
        {
            return await ArchiveBench.RunAsync(o, directory, ct) == 0;
        }

        // The machine as it is before this part starts anything (the load average says how quiet it was).
        var machine = await Machine.DescribeAsync(await TestEnvironment.GetAsync());
        await using var platform = await BenchPlatform.StartAsync(proxies: part == "faults");
        var report = part switch
        {
            "api" => await ApiBench.RunAsync(o, platform, ct),
            "pipeline" => await PipelineBench.RunAsync(o, platform, ct),
            "latency" => await LatencyBench.RunAsync(o, platform, ct),
            "footprint" => await FootprintBench.RunAsync(o, platform, ct),
            "faults" => await FaultsBench.RunAsync(o, platform, ct),
            "soak" => await SoakBench.RunAsync(o, platform, ct),
            _ => throw new ArgumentException($"Unknown part '{part}'."),
        };
        await report.WriteAsync(directory, machine, command);
        return true;
    }
}
