using System.Diagnostics;
using System.Net.Http.Headers;
using Dapper;
using EOffice.Testing;
using Npgsql;

namespace EOffice.Bench;

/// <summary>
/// The platform under measurement: <see cref="PlatformFixture"/> (every service and the gateway as real
/// processes from the Release build, on a throwaway database and virtual host) with the gateway's rate
/// limiter out of the way, plus the people a letter passes through.
/// </summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    /// <summary>What every report says about the rate limiter.</summary>
    public const string RateLimitNote =
        "The gateway's rate limiter is configured out of the way for the run (RateLimits: PerUserPerMinute, LoginPerMinute and " +
        "PublicPerMinute = 1,000,000 instead of 600, 60 and 30), so the figures show the platform, not the limiter.";

    private readonly List<HttpClient> _clients = [];

    private BenchPlatform(PlatformFixture fixture) => Fixture = fixture;

    public PlatformFixture Fixture { get; }

    public LetterPeople People { get; private set; } = null!;

    /// <summary>Starts the platform (with TCP proxies in front of RabbitMQ and Postgres when <paramref name="proxies"/>).</summary>
    public static async Task<BenchPlatform> StartAsync(bool proxies = false)
    {
        const string unlimited = "1000000";
        var fixture = PlatformFixture.With(new PlatformOptions
        {
            BrokerProxy = proxies,
            PostgresProxy = proxies,
            GatewayEnvironment = new Dictionary<string, string>
            {
                ["RateLimits__PerUserPerMinute"] = unlimited,
                ["RateLimits__LoginPerMinute"] = unlimited,
                ["RateLimits__PublicPerMinute"] = unlimited,
            },
            ServiceEnvironment = new Dictionary<string, string> { ["RateLimits__LoginPerMinute"] = unlimited },
        });
        var clock = Stopwatch.StartNew();
        Console.WriteLine("bench: starting the platform (every service and the gateway, Release build)" + (proxies ? " behind broker and Postgres links it can cut" : ""));
        await fixture.InitializeAsync();
        Console.WriteLine($"bench: platform ready in {clock.Elapsed.TotalSeconds:F0} s ({string.Join(", ", fixture.StartedServices)}, gateway)");
        var platform = new BenchPlatform(fixture);
        foreach (var required in new[] { "correspondence", "archive", "notification" })
        {
            if (!fixture.StartedServices.Contains(required))
            {
                throw new InvalidOperationException($"The {required} service is not built (Release); build the solution first.");
            }
        }

        platform.People = await LetterPeople.SignInAsync(platform);
        return platform;
    }

    /// <summary>A gateway client for <paramref name="token"/>, disposed with the platform.</summary>
    public HttpClient Client(string token)
    {
        var client = Fixture.As(token);
        _clients.Add(client);
        return client;
    }

    /// <summary>A client straight to a service (no gateway) for <paramref name="token"/>.</summary>
    public HttpClient Direct(string service, string token)
    {
        var client = new HttpClient { BaseAddress = Fixture.ServiceAddresses[service], Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>A connection to the platform's database (every service's schema).</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Fixture.DatabaseConnectionString) { ApplicationName = "eoffice-bench" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Committed transactions of the platform's database so far (pg_stat_database).</summary>
    public async Task<long> CommitsAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        // The statistics are a snapshot per transaction: clear it so the count is current.
        await connection.ExecuteAsync("select pg_stat_clear_snapshot()");
        return await connection.ExecuteScalarAsync<long>("select xact_commit from pg_stat_database where datname = current_database()");
    }

    /// <summary>VmRSS of every platform process, by name (bytes).</summary>
    public IReadOnlyDictionary<string, long> Rss() =>
        Fixture.ProcessIds.ToDictionary(p => p.Key, p => ProcMemory.Rss(p.Value), StringComparer.Ordinal);

    /// <summary>Proportional set size (PSS) of each component: its private memory plus its share of what it maps with others.</summary>
    public IReadOnlyDictionary<string, long> Pss() =>
        Fixture.ProcessIds.ToDictionary(p => p.Key, p => ProcMemory.Pss(p.Value), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Console.WriteLine("bench: stopping the platform");
        await Fixture.DisposeAsync();
    }
}

/// <summary>Reading a process's memory from /proc.</summary>
internal static class ProcMemory
{
    /// <summary>A field of /proc/&lt;pid&gt;/status in bytes (VmRSS, RssAnon, ...); 0 when the process is gone.</summary>
    public static long Rss(int pid, string field = "VmRSS")
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The process's proportional set size (smaps_rollup Pss) in bytes: the .NET runtime and framework files every
    /// dotnet process maps are counted once, divided among them, where VmRSS counts them in full in each. 0 when gone.
    /// </summary>
    public static long Pss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The pids of every process whose name (/proc/&lt;pid&gt;/status Name) is <paramref name="name"/>.</summary>
    public static IReadOnlyList<int> Named(string name)
    {
        var pids = new List<int>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var first = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault();
                if (first is not null && first.Split(':', 2)[1].Trim() == name)
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to read
            }
        }

        return pids;
    }
}
