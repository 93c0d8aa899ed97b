using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Directory;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EOffice.Testing;

/// <summary>
/// A real Directory (over HTTP: tokens, JWKS, org snapshot, password checks, demo city) and one or
/// more replicas of the service under test, sharing a throwaway database (one schema each) and a
/// RabbitMQ virtual host. Derive once per service; the service's org-chart copy is loaded before tests run.
/// </summary>
public abstract class ServiceFixture<TApp> : IAsyncLifetime where TApp : class
{
    /// <summary>Every demo user's password.</summary>
    public const string Password = "Demo#2026";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);
    private TestBroker _broker = null!;

    /// <summary>The throwaway database.</summary>
    public TestDatabase Database { get; private set; } = null!;

    /// <summary>Directory, on a real loopback port.</summary>
    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    /// <summary>The service under test (its first replica).</summary>
    public ServiceFactory<TApp> Service { get; } = new();

    /// <summary>Position ids by title, from the service's org-chart copy.</summary>
    public Dictionary<string, Guid> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>User ids by email.</summary>
    public Dictionary<string, Guid> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Unit ids by code.</summary>
    public Dictionary<string, Guid> Units { get; } = new(StringComparer.Ordinal);

    /// <summary>The service's schema.</summary>
    protected abstract string Schema { get; }

    /// <summary>Every replica to start (the first is <see cref="Service"/>).</summary>
    protected virtual IReadOnlyList<ServiceFactory<TApp>> Replicas => [Service];

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        foreach (var settings in Replicas.Select(r => r.Settings).Prepend(Directory.Settings))
        {
            settings["ConnectionStrings:Postgres"] = Database.ConnectionString;
            settings["ConnectionStrings:RabbitMq"] = _broker.Uri;
            settings["Auth:Issuer"] = "http://eoffice.test";
            settings["Internal:Key"] = "test-internal-key";
            settings["Logging:LogLevel:Default"] = "Warning";
        }

        var directory = Directory.Address;
        // Tests sign in often from one address; the limit itself is tested in Directory's own tests.
        Directory.Settings["RateLimits:LoginPerMinute"] = "100000";
        foreach (var replica in Replicas)
        {
            replica.Settings["Auth:MetadataAddress"] = directory + ".well-known/openid-configuration";
            replica.Settings["Internal:DirectoryUrl"] = directory.ToString();
            Configure(replica.Settings);
            _ = replica.Server;
        }

        await Eventually.HoldsAsync(async () => await ScalarAsync<int>($"select count(*)::int from {Schema}.org_positions") >= 30,
            $"the {Schema} service loaded the org chart from Directory", TimeSpan.FromSeconds(60));
        foreach (var (title, id) in await QueryAsync<(string, Guid)>($"select title, id from {Schema}.org_positions"))
        {
            Positions[title] = id;
        }

        foreach (var (email, id) in await QueryAsync<(string, Guid)>($"select email, id from {Schema}.org_users"))
        {
            Users[email] = id;
        }

        foreach (var (code, id) in await QueryAsync<(string, Guid)>($"select code, id from {Schema}.org_units"))
        {
            Units[code] = id;
        }
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var replica in Replicas.Reverse())
        {
            await replica.DisposeAsync();
        }

        await Directory.DisposeAsync();
        await _broker.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A position's id by its title.</summary>
    public Guid Position(string title) => Positions[title];

    /// <summary>
    /// A demo user's access token: signed in through Directory once, then reused. Callers asking at the same time
    /// (fifty signers started together) share the one sign-in; a failed one is forgotten so the next call tries again.
    /// </summary>
    public async Task<string> TokenAsync(string username)
    {
        var login = _tokens.GetOrAdd(username, name => new Lazy<Task<string>>(() => SignInAsync(name)));
        try
        {
            return await login.Value;
        }
        catch
        {
            _tokens.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(username, login));
            throw;
        }
    }

    private async Task<string> SignInAsync(string username)
    {
        using var directory = Directory.CreateClient();
        var response = await directory.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client of the service (or of one of its replicas) signed in as a demo user.</summary>
    public async Task<HttpClient> As(string username, ServiceFactory<TApp>? replica = null) =>
        WithToken((replica ?? Service).CreateClient(), await TokenAsync(username));

    /// <summary>A client of Directory signed in as a demo user.</summary>
    public async Task<HttpClient> DirectoryAs(string username) => WithToken(Directory.CreateClient(), await TokenAsync(username));

    /// <summary>Publishes an event on the broker as its own service would, with the given message id.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        Service.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId ?? NewId.NextGuid());

    /// <summary>A value from the test database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? param = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, param))!;
    }

    /// <summary>Rows from the test database.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, param)).AsList();
    }

    /// <summary>Settings of a replica beyond the common ones.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    private static HttpClient WithToken(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
