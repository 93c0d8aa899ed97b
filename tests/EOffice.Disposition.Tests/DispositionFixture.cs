using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Contracts;
using EOffice.Directory;
using EOffice.Disposition;
using EOffice.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Disposition.Tests;

/// <summary>Real Directory (tokens, org snapshot) and real Disposition on a throwaway database and virtual host.</summary>
public sealed class DispositionFixture : IAsyncLifetime
{
    public const string Password = "Demo#2026";

    // Diskominfo's chain: agency head → division head → section head → staff.
    public const string AgencyHead = "hendra.gunawan@eoffice.local";
    public const string DivisionHead = "yusuf.maulana@eoffice.local";
    public const string SectionHead = "lina.marlina@eoffice.local";
    public const string Staff = "fajar.nugroho@eoffice.local";
    public const string OtherDivisionHead = "sri.lestari@eoffice.local";
    public const string OtherAgencyHead = "imam.santoso@eoffice.local";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private TestBroker _broker = null!;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    public ServiceFactory<DispositionApp> Service { get; } = new();

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
        Service.Settings["Disposition:OverdueCheckInterval"] = "01:00:00";
        _ = Service.Server;
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from disposition.org_positions") >= 30,
            "Disposition loaded the org chart", TimeSpan.FromSeconds(60));
        foreach (var (title, id) in await QueryAsync<(string, Guid)>("select title, id from disposition.org_positions"))
        {
            Positions[title] = id;
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

    public Guid AgencyHeadPosition => Position("Kepala Dinas Komunikasi dan Informatika");

    public Guid DivisionHeadPosition => Position("Kepala Bidang Aplikasi Informatika");

    public Guid SectionHeadPosition => Position("Kepala Seksi Pengembangan Aplikasi");

    public Guid StaffPosition => Position("Pranata Komputer Ahli Pertama");

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

    /// <summary>Delivers a letter to a position the way Correspondence does: a letter-received event on the broker.</summary>
    public async Task<Guid> ReceiveAsync(Guid positionId, string urgency = "Segera", Guid? messageId = null, Guid? letterId = null)
    {
        var id = letterId ?? Guid.CreateVersion7();
        var bus = Service.Services.GetRequiredService<IBus>();
        await bus.Publish(new LetterReceived(id, "AG/7/DISKOMINFO/2026", "Permintaan data implementasi SPBE", "Biasa", urgency, positionId,
            Guid.Empty, false, true, "000", new DateOnly(2026, 11, 20), Guid.Empty, DateTimeOffset.UtcNow)
        { Sender = "Kementerian Dalam Negeri", AgendaNumber = "AG/7/DISKOMINFO/2026" }, ctx => ctx.MessageId = messageId ?? NewId.NextGuid());
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>(
            "select count(*)::int from disposition.letter_receipts where letter_id = @id and position_id = @positionId", new { id, positionId }) == 1,
            "the letter-received event was consumed");
        return id;
    }

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
