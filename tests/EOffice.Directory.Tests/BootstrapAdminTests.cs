using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.Directory.Tests;

public sealed class BootstrapAdminTests : IAsyncLifetime
{
    private readonly ServiceFactory<DirectoryApp> _service = new();
    private TestDatabase _database = null!;
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        _service.Settings["ConnectionStrings:Postgres"] = _database.ConnectionString;
        _service.Settings["ConnectionStrings:RabbitMq"] = _broker.Uri;
        _service.Settings["Auth:Issuer"] = "http://eoffice.test";
        _service.Settings["Logging:LogLevel:Default"] = "Warning";
        _service.Settings["Directory:SeedDemoData"] = "false";
        _service.Settings["Directory:BootstrapAdmin:Email"] = "admin@kota.example";
        _service.Settings["Directory:BootstrapAdmin:Password"] = "Mulai#Baru2026";
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_real_city_without_the_demo_starts_with_only_the_configured_administrator()
    {
        using var client = _service.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin@kota.example", password = "Mulai#Baru2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var units = await client.GetFromJsonAsync<JsonElement>("/api/org/units");
        var created = await client.PostAsJsonAsync("/api/org/units", new { code = "PEMKOT", name = "Pemerintah Kota Contoh" });

        Assert.Equal(0, units.GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _service.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = "admin@eoffice.local", password = "Demo#2026" })).StatusCode);
    }
}
