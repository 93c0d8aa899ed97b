using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Directory;
using EOffice.Notification;
using EOffice.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Notification.Tests;

/// <summary>
/// Real Directory and two replicas of the Notification service on one database and virtual host, an
/// SMTP sink, and a webhook receiver whose endpoints answer 200, fail once, or hang until released.
/// </summary>
public sealed class NotificationFixture : IAsyncLifetime
{
    public const string Password = "Demo#2026";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private TestBroker _broker = null!;
    private int _flakyCalls;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    /// <summary>Replica A.</summary>
    public ServiceFactory<NotificationApp> Service { get; } = new();

    /// <summary>Replica B.</summary>
    public ServiceFactory<NotificationApp> Replica { get; } = new();

    public SmtpSink Smtp { get; } = new();

    public WebApplication Receiver { get; private set; } = null!;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, string Body)> Hooks { get; } = new();

    /// <summary>Released by a test to let the hanging endpoint answer.</summary>
    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Dictionary<string, Guid> Positions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Guid> Users { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        Receiver = await StartReceiverAsync();
        foreach (var f in new Dictionary<string, string?>[] { Directory.Settings, Service.Settings, Replica.Settings })
        {
            f["ConnectionStrings:Postgres"] = Database.ConnectionString;
            f["ConnectionStrings:RabbitMq"] = _broker.Uri;
            f["Auth:Issuer"] = "http://eoffice.test";
            f["Internal:Key"] = "test-internal-key";
            f["Logging:LogLevel:Default"] = "Warning";
        }

        var directory = Directory.Address;
        foreach (var f in new[] { Service.Settings, Replica.Settings })
        {
            f["Auth:MetadataAddress"] = directory + ".well-known/openid-configuration";
            f["Internal:DirectoryUrl"] = directory.ToString();
            f["Notification:Email:Enabled"] = "true";
            f["Notification:Email:Host"] = "127.0.0.1";
            f["Notification:Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            f["Notification:Email:Security"] = "None";
            f["Notification:Webhooks:FirstRetryDelay"] = "00:00:00.300";
            f["Notification:Webhooks:Timeout"] = "00:00:30";
            f["Notification:Webhooks:PollInterval"] = "00:00:00.100";
        }

        _ = Service.Server;
        _ = Replica.Server;
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from notification.org_positions") >= 30,
            "Notification loaded the org chart", TimeSpan.FromSeconds(60));
        foreach (var (title, id) in await QueryAsync<(string, Guid)>("select title, id from notification.org_positions"))
        {
            Positions[title] = id;
        }

        foreach (var (email, id) in await QueryAsync<(string, Guid)>("select email, id from notification.org_users"))
        {
            Users[email] = id;
        }
    }

    public async Task DisposeAsync()
    {
        SlowGate.TrySetResult();
        await Replica.DisposeAsync();
        await Service.DisposeAsync();
        await Directory.DisposeAsync();
        await Receiver.StopAsync();
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
        await _broker.DisposeAsync();
        await Database.DisposeAsync();
    }

    public string ReceiverUrl(string path) => Receiver.Urls.First() + path;

    public Guid Position(string title) => Positions[title];

    public async Task<string> TokenAsync(string username)
    {
        if (!_tokens.TryGetValue(username, out var token))
        {
            using var directory = Directory.CreateClient();
            var response = await directory.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
            response.EnsureSuccessStatusCode();
            token = _tokens[username] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        return token;
    }

    /// <summary>A client of one replica, signed in.</summary>
    public async Task<HttpClient> As(string username, bool replica = false)
    {
        var client = (replica ? Replica : Service).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
        return client;
    }

    /// <summary>A client of Directory, signed in.</summary>
    public async Task<HttpClient> DirectoryAs(string username)
    {
        var client = Directory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
        return client;
    }

    /// <summary>Publishes an event as its service would, with the given message id.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        Service.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId ?? NewId.NextGuid());

    public async Task<T> ScalarAsync<T>(string sql, object? param = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, param))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, param)).AsList();
    }

    private async Task<WebApplication> StartReceiverAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/{kind}", async (string kind, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Hooks.Enqueue(("/" + kind, context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
            switch (kind)
            {
                case "flaky" when Interlocked.Increment(ref _flakyCalls) == 1:
                    return Results.StatusCode(500);
                case "slow":
                    await SlowGate.Task;
                    return Results.Ok();
                default:
                    return Results.Ok();
            }
        });
        await app.StartAsync();
        return app;
    }
}
