using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Testing;

namespace EOffice.Directory.Tests;

/// <summary>A real Directory service with its own database and virtual host, demo city seeded.</summary>
public sealed class DirectoryFixture : IAsyncLifetime
{
    public const string Password = "Demo#2026";
    public const string Admin = "admin@eoffice.local";
    public const string Staff = "fajar.nugroho@eoffice.local";

    /// <summary>The (pretend) gateway every request of the in-memory server comes through.</summary>
    public static readonly System.Net.IPAddress GatewayAddress = System.Net.IPAddress.Parse("10.9.9.9");

    private TestBroker _broker = null!;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceFactory<DirectoryApp> Service { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        Service.Settings["ConnectionStrings:Postgres"] = Database.ConnectionString;
        Service.Settings["ConnectionStrings:RabbitMq"] = _broker.Uri;
        Service.Settings["Auth:Issuer"] = "http://eoffice.test";
        Service.Settings["Internal:Key"] = "test-internal-key";
        // No Correspondence or Disposition runs beside this Directory: their part of pending work is unavailable (discard port).
        Service.Settings["Internal:CorrespondenceUrl"] = "http://127.0.0.1:9/";
        Service.Settings["Internal:DispositionUrl"] = "http://127.0.0.1:9/";
        Service.Settings["Logging:LogLevel:Default"] = "Warning";
        // Requests arrive "through the gateway" at GatewayAddress, which tests name clients with X-Forwarded-For.
        Service.PeerAddress = GatewayAddress;
        Service.Settings["ClientAddress:TrustedProxies"] = GatewayAddress.ToString();
        Service.Settings["RateLimits:LoginPerMinute"] = "100000";
        // Small enough to reach in a test, still beyond one address: 5 per address and window.
        Service.Settings["Directory:SignIn:FailuresPerAccount"] = "12";
        Service.Settings["Directory:SignIn:AccountWindow"] = "00:15:00";
        Client = Service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        await _broker.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Signs in and returns the whole login response.</summary>
    public async Task<JsonElement> LoginAsync(string username, string password = Password)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A client carrying a user's access token.</summary>
    public async Task<HttpClient> ClientForAsync(string username)
    {
        var login = await LoginAsync(username);
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A value from the service's own schema.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? param = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, param))!;
    }
}
