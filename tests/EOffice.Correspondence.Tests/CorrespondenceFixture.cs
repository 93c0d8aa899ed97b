using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Correspondence;
using EOffice.Directory;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// Real Directory (over HTTP: tokens, JWKS, org snapshot, password checks) and real Correspondence,
/// sharing a throwaway database (one schema each) and RabbitMQ virtual host.
/// </summary>
public class CorrespondenceFixture : IAsyncLifetime
{
    public const string Password = "Demo#2026";
    public const string Issuer = "http://eoffice.test";

    // The demo city's people (see DemoCity.cs): a drafter, their section head (reviewer) and division head (signer)
    // in Diskominfo; the head of Disdukcapil (addressee); the Plt of Disdukcapil's secretary (cc, acting holder);
    // Diskominfo's secretariat; a stranger in BKPSDM.
    public const string Drafter = "fajar.nugroho@eoffice.local";
    public const string Reviewer = "lina.marlina@eoffice.local";
    public const string Signer = "yusuf.maulana@eoffice.local";
    public const string Addressee = "nurul.hidayah@eoffice.local";
    public const string ActingCc = "wahyuni.pratiwi@eoffice.local";
    public const string Secretariat = "putri.anggraini@eoffice.local";
    public const string Stranger = "dimas.aditya@eoffice.local";
    public const string AddresseeSecretariat = "ahmad.fauzi@eoffice.local";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private TestBroker _broker = null!;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    public ServiceFactory<CorrespondenceApp> Service { get; } = new();

    /// <summary>Position ids by title.</summary>
    public Dictionary<string, Guid> Positions { get; } = new(StringComparer.Ordinal);

    protected virtual long MaxAttachmentBytes => 64 * 1024;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        foreach (var f in new Dictionary<string, string?>[] { Directory.Settings, Service.Settings })
        {
            f["ConnectionStrings:Postgres"] = Database.ConnectionString;
            f["ConnectionStrings:RabbitMq"] = _broker.Uri;
            f["Auth:Issuer"] = Issuer;
            f["Internal:Key"] = "test-internal-key";
            f["Logging:LogLevel:Default"] = "Warning";
            f["Logging:Console:FormatterName"] = "simple";
        }

        var directory = Directory.Address;
        Service.Settings["Auth:MetadataAddress"] = directory + ".well-known/openid-configuration";
        Service.Settings["Internal:DirectoryUrl"] = directory.ToString();
        Service.Settings["Correspondence:Attachments:MaxBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ = Service.Server;
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from correspondence.org_positions") >= 30,
            "Correspondence loaded the org chart from Directory", TimeSpan.FromSeconds(60));
        await using var connection = await Database.OpenAsync();
        foreach (var (title, id) in await connection.QueryAsync<(string, Guid)>("select title, id from correspondence.org_positions"))
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

    /// <summary>A Correspondence client signed in as a demo user.</summary>
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

    /// <summary>A draft from <see cref="Drafter"/> to the addressee (cc the acting holder), reviewed by the section head, signed by the division head.</summary>
    public object Draft(string security = "Biasa", string subject = "Undangan rapat koordinasi kota cerdas", bool withReviewer = true, string? signerTitle = null) => new
    {
        type = "Surat Dinas",
        subject,
        summary = "Rapat koordinasi pelaksanaan SPBE",
        body = "Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi **kota cerdas**.",
        classificationCode = "000.1.2",
        security,
        urgency = "Segera",
        to = new[] { new { positionId = Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
        cc = new[] { new { positionId = Position("Sekretaris Dinas Kependudukan dan Pencatatan Sipil") } },
        reviewers = withReviewer ? new[] { Position("Kepala Seksi Pengembangan Aplikasi") } : Array.Empty<Guid>(),
        signerPositionId = Position(signerTitle ?? "Kepala Bidang Aplikasi Informatika"),
    };

    /// <summary>Creates a draft; returns its id.</summary>
    public async Task<Guid> CreateAsync(object draft, string drafter = Drafter)
    {
        using var client = await As(drafter);
        var response = await client.PostAsJsonAsync("/api/letters", draft);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Takes a draft through review and signature; returns the sign response.</summary>
    public async Task<JsonElement> SignAsync(Guid id)
    {
        using var drafter = await As(Drafter);
        using var reviewer = await As(Reviewer);
        using var signer = await As(Signer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).EnsureSuccessStatusCode();
        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = Password });
        signed.EnsureSuccessStatusCode();
        return await signed.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Takes a draft all the way to Sent.</summary>
    public async Task<JsonElement> SendAsync(Guid id)
    {
        var signed = await SignAsync(id);
        using var signer = await As(Signer);
        (await signer.PostAsync($"/api/letters/{id}/send", null)).EnsureSuccessStatusCode();
        return signed;
    }
}
