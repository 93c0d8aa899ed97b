using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using EOffice.Archive.Records;
using EOffice.Directory;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EOffice.Archive.Bench;

/// <summary>
/// The database <c>eoffice_bench</c> with a real Directory (Kestrel, demo city) and a real Archive
/// (TestServer) on it, started the way the Archive tests' fixture starts them, and an archivist signed in.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>The scratch database (<c>--database</c>; default eoffice_bench).</summary>
    public static string DatabaseName { get; set; } = "eoffice_bench";
    public const string Archivist = "agus.salim@eoffice.local";
    public const string Password = "Demo#2026";

    private TestBroker? _broker;

    private BenchHost(string admin, string connectionString)
    {
        Admin = admin;
        ConnectionString = connectionString;
        DataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
        {
            SearchPath = "archive",
            ApplicationName = "eoffice-bench",
            MaxPoolSize = 10,
            CommandTimeout = 0,
        }.ConnectionString).Build();
    }

    /// <summary>The admin connection string (database postgres).</summary>
    public string Admin { get; }

    /// <summary>The bench database, as the test admin role (which owns it), like a test database.</summary>
    public string ConnectionString { get; }

    /// <summary>Direct connections to the bench database with the Archive schema as search path (as the service has).</summary>
    public NpgsqlDataSource DataSource { get; }

    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    public ServiceFactory<ArchiveApp> Service { get; } = new();

    /// <summary>Creates (or reuses) the database; no services yet.</summary>
    public static async Task<BenchHost> OpenAsync(TestEnvironment.Endpoints env, bool fresh, string generatorVersion)
    {
        await using (var admin = new NpgsqlConnection(env.PostgresAdmin))
        {
            await admin.OpenAsync();
            var exists = await admin.ExecuteScalarAsync<bool>("select exists (select 1 from pg_database where datname = @DatabaseName)", new { DatabaseName });
            if (exists && !fresh)
            {
                var reason = await WhyNotReusableAsync(env.PostgresAdmin, generatorVersion);
                if (reason is not null)
                {
                    Console.WriteLine($"bench: dropping database {DatabaseName}: {reason}");
                    fresh = true;
                }
            }

            if (exists && fresh)
            {
                await admin.ExecuteAsync($"drop database if exists {DatabaseName} with (force)");
                exists = false;
            }

            if (!exists)
            {
                Console.WriteLine($"bench: creating database {DatabaseName}");
                await admin.ExecuteAsync($"create database {DatabaseName}");
            }
            else
            {
                Console.WriteLine($"bench: reusing database {DatabaseName}");
            }
        }

        var cs = new NpgsqlConnectionStringBuilder(env.PostgresAdmin) { Database = DatabaseName, Pooling = true }.ConnectionString;
        var host = new BenchHost(env.PostgresAdmin, cs);
        await using var connection = await host.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            create schema if not exists bench;
            create table if not exists bench.meta (key text primary key, value text not null);
            create table if not exists bench.batches (first bigint primary key, last bigint not null);
            insert into bench.meta (key, value) values ('generator', @generatorVersion) on conflict (key) do nothing;
            """, new { generatorVersion });
        return host;
    }

    private static async Task<string?> WhyNotReusableAsync(string admin, string generatorVersion)
    {
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = DatabaseName, Pooling = false }.ConnectionString;
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        if (!await c.ExecuteScalarAsync<bool>("select to_regclass('bench.meta') is not null and to_regclass('archive.records') is not null"))
        {
            return "it was not made by this benchmark (or not completely)";
        }

        var version = await c.ExecuteScalarAsync<string?>("select value from bench.meta where key = 'generator'");
        if (version != generatorVersion)
        {
            return $"it was made by generator {version ?? "?"}, this is {generatorVersion}";
        }

        var loaded = await c.ExecuteScalarAsync<long>("select coalesce(sum(last - first + 1), 0)::bigint from bench.batches");
        var count = await c.ExecuteScalarAsync<long>("select count(*) from archive.records");
        return loaded == count ? null : $"it holds {count} records but {loaded} were loaded completely";
    }

    /// <summary>Starts Directory and Archive on the database (Archive's migrations create its schema) and waits for the org chart copy.</summary>
    public async Task StartAsync()
    {
        _broker = await TestBroker.CreateAsync();
        foreach (var f in new Dictionary<string, string?>[] { Directory.Settings, Service.Settings })
        {
            f["ConnectionStrings:Postgres"] = ConnectionString;
            f["ConnectionStrings:RabbitMq"] = _broker.Uri;
            f["Auth:Issuer"] = "http://eoffice.test";
            f["Internal:Key"] = "bench-internal-key";
            f["Logging:LogLevel:Default"] = "Warning";
        }

        // A run outlives the default 15-minute token.
        Directory.Settings["Directory:Tokens:AccessTokenLifetime"] = "06:00:00";
        var directory = Directory.Address;
        Service.Settings["Auth:MetadataAddress"] = directory + ".well-known/openid-configuration";
        Service.Settings["Internal:DirectoryUrl"] = directory.ToString();
        // The bench runs the job itself, when it has work prepared for it.
        Service.Settings["Archive:LifecycleInterval"] = "30.00:00:00";
        _ = Service.Server;
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from archive.org_positions") >= 30,
            "Archive loaded the org chart", TimeSpan.FromSeconds(120));
    }

    /// <summary>Signs in through Directory; returns the access token.</summary>
    public async Task<string> SignInAsync(string username)
    {
        using var client = Directory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>An Archive client (in-memory TestServer) with a bearer token.</summary>
    public HttpClient ArchiveClient(string token)
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The record scope the service computes for the token's caller (the same code path as a request).</summary>
    public async Task<RecordScope> ScopeOfAsync(string token)
    {
        var payload = token.Split('.')[1];
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload))).RootElement;
        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var roles = json.TryGetProperty(CallerClaims.Role, out var r)
            ? r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal) : [r.GetString()!]
            : new HashSet<string>(StringComparer.Ordinal);
        var caller = new Caller(Guid.Parse(Str(json, CallerClaims.Subject)!), Str(json, CallerClaims.Name) ?? "", Str(json, CallerClaims.Nip),
            Guid.TryParse(Str(json, CallerClaims.PositionId), out var p) ? p : null, Guid.TryParse(Str(json, CallerClaims.UnitId), out var u) ? u : null, roles);
        return await RecordScope.OfAsync(caller, Service.Services.GetRequiredService<OrgChart>(), CancellationToken.None);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? param = null, int timeoutSeconds = 0)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, param, commandTimeout: timeoutSeconds)))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, param, commandTimeout: 0))).AsList();
    }

    public async Task<int> ExecuteAsync(string sql, object? param = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(new CommandDefinition(sql, param, commandTimeout: 0));
    }

    /// <summary>Stops the services and the broker's virtual host (the database stays).</summary>
    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Directory.DisposeAsync();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        await DataSource.DisposeAsync();
    }

    /// <summary>Drops the bench database (after <see cref="DisposeAsync"/>).</summary>
    public static async Task DropAsync(string admin)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"drop database if exists {DatabaseName} with (force)");
    }
}
