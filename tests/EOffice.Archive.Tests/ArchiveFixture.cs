using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Archive;
using EOffice.Contracts;
using EOffice.Directory;
using EOffice.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Archive.Tests;

/// <summary>Real Directory (tokens, org snapshot) and real Archive on a throwaway database and virtual host.</summary>
public sealed class ArchiveFixture : IAsyncLifetime
{
    public const string Password = "Demo#2026";

    public const string Archivist = "agus.salim@eoffice.local";            // Diskominfo's archivist
    public const string RecipientArchivist = "yuliana.safitri@eoffice.local"; // Disdukcapil's archivist
    public const string Signer = "yusuf.maulana@eoffice.local";
    public const string Addressee = "nurul.hidayah@eoffice.local";
    public const string Secretariat = "putri.anggraini@eoffice.local";
    public const string Stranger = "dimas.aditya@eoffice.local";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private TestBroker _broker = null!;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    public ServiceFactory<ArchiveApp> Service { get; } = new();

    public Dictionary<string, Guid> Positions { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        foreach (var f in new Dictionary<string, string?>[] { Directory.Settings, Service.Settings })
        {
            f["ConnectionStrings:Postgres"] = Database.ConnectionString;
            f["ConnectionStrings:RabbitMq"] = _broker.Uri;
            f["Auth:Issuer"] = "http://eoffice.test";
            f["Internal:Key"] = "test-internal-key";
            f["Logging:LogLevel:Default"] = "Warning";
        }

        var directory = Directory.Address;
        Service.Settings["Auth:MetadataAddress"] = directory + ".well-known/openid-configuration";
        Service.Settings["Internal:DirectoryUrl"] = directory.ToString();
        Service.Settings["Archive:LifecycleInterval"] = "01:00:00";
        _ = Service.Server;
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from archive.org_positions") >= 30,
            "Archive loaded the org chart", TimeSpan.FromSeconds(60));
        foreach (var (title, id) in await QueryAsync<(string, Guid)>("select title, id from archive.org_positions"))
        {
            Positions[title] = id;
        }

        foreach (var (code, id) in await QueryAsync<(string, Guid)>("select code, id from archive.org_units"))
        {
            Units[code] = id;
        }
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Directory.DisposeAsync();
        await _broker.DisposeAsync();
        await Database.DisposeAsync();
    }

    public Guid Position(string title) => Positions[title];

    public async Task<HttpClient> As(string username)
    {
        if (!_tokens.TryGetValue(username, out var token))
        {
            using var directory = Directory.CreateClient();
            var response = await directory.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
            response.EnsureSuccessStatusCode();
            token = _tokens[username] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends a letter the way Correspondence does: a letter-sent event on the broker; waits for its records.</summary>
    public async Task<Guid> SendAsync(string number, string subject, string body, string classification = "800.1.11", string security = "Biasa",
        DateOnly? date = null, Guid? messageId = null, Guid? letterId = null)
    {
        var id = letterId ?? Guid.CreateVersion7();
        var secret = security is "Rahasia" or "SangatRahasia";
        var sent = new LetterSent(id, number, date ?? new DateOnly(2026, 11, 2), "Nota Dinas", secret ? null : subject, secret ? null : "Ringkasan " + subject,
            classification, security, "Biasa", SenderUnit, Position("Kepala Bidang Aplikasi Informatika"),
            [new LetterRecipient(Position("Kepala Dinas Kependudukan dan Pencatatan Sipil"), null, null, false)], DateTimeOffset.UtcNow)
        {
            Body = secret ? null : body,
            DrafterPositionId = Position("Pranata Komputer Ahli Pertama"),
        };
        await Service.Services.GetRequiredService<IBus>().Publish(sent, ctx => ctx.MessageId = messageId ?? NewId.NextGuid());
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from archive.records where letter_id = @id", new { id }) == 2,
            "the letter's records were created in both units");
        return id;
    }

    public Guid SenderUnit => Units["DISKOMINFO-APTIKA"];

    public Guid RecipientUnit => Units["DISDUKCAPIL"];

    public Dictionary<string, Guid> Units { get; } = new(StringComparer.Ordinal);

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
}
