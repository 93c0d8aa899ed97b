using System.Net;
using EOffice.ServiceDefaults.Data;
using EOffice.Testing;
using MassTransit;

namespace EOffice.ServiceDefaults.Tests;

/// <summary>A started <see cref="TestHost"/> with its own database and virtual host.</summary>
public class HostFixture : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestBroker _broker = null!;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Db Db => App.Services.GetRequiredService<Db>();

    public IBus Bus => App.Services.GetRequiredService<IBus>();

    protected TestBroker Broker => _broker;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        App = await TestHost.StartAsync(_database.ConnectionString, BrokerUri());
        Http = new HttpClient { BaseAddress = TestHost.AddressOf(App) };
        await Eventually.HoldsAsync(
            async () => (await Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK && (await Http.GetStringAsync("/health")).Contains("\"Healthy\"", StringComparison.Ordinal),
            "the test host is ready");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected virtual string BrokerUri() => _broker.Uri;

    public Task<int> EffectsOfAsync(Guid pingId) =>
        Db.ExecuteScalarAsync<int>("select count(*)::int from ping_effects where ping_id = @pingId", new { pingId });

    /// <summary>Writes a ping and its event in one committed transaction; returns the ping id.</summary>
    public async Task<Guid> PingAsync(string note)
    {
        await using var uow = await Db.BeginAsync();
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync("insert into pings (id, note) values (@id, @note)", new { id, note });
        await uow.PublishAsync(new Pinged(id, note));
        await uow.CommitAsync();
        return id;
    }
}
