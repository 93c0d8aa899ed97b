using EOffice.Testing;
using MassTransit;

namespace EOffice.ServiceDefaults.Tests;

public sealed class OutboxTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_event_committed_with_its_change_is_published_and_consumed()
    {
        var id = await host.PingAsync("committed");

        await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(id) == 1, "the consumer saw the event");
        var sent = await host.Db.ExecuteScalarAsync<bool>(
            "select sent_at is not null from outbox where payload ->> 'id' = @id", new { id = id.ToString() });
        Assert.True(sent);
    }

    [Fact]
    public async Task No_event_leaves_a_rolled_back_transaction()
    {
        var rolledBack = Guid.CreateVersion7();
        await using (var uow = await host.Db.BeginAsync())
        {
            await uow.ExecuteAsync("insert into pings (id, note) values (@rolledBack, 'rolled back')", new { rolledBack });
            await uow.PublishAsync(new Pinged(rolledBack, "rolled back"));
            // disposed without commit
        }

        // The relay publishes in order, so once a later event has arrived the earlier one would have too.
        var later = await host.PingAsync("after the rollback");
        await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(later) == 1, "the later event arrived");

        Assert.Equal(0, await host.EffectsOfAsync(rolledBack));
        Assert.Equal(0, await host.Db.ExecuteScalarAsync<int>(
            "select count(*)::int from outbox where payload ->> 'id' = @id", new { id = rolledBack.ToString() }));
        Assert.Equal(0, await host.Db.ExecuteScalarAsync<int>("select count(*)::int from pings where id = @rolledBack", new { rolledBack }));
    }

    [Fact]
    public async Task Events_written_in_one_statement_are_rows_of_their_own_in_the_order_given()
    {
        var pings = Enumerable.Range(1, 5).Select(i => new Pinged(Guid.CreateVersion7(), $"batch {i}")).ToList();
        IReadOnlyList<Guid> ids;
        await using (var uow = await host.Db.BeginAsync())
        {
            ids = await uow.PublishAllAsync(pings);
            await uow.CommitAsync();
        }

        // One row per event, each with its own id, in the order given (the relay publishes by seq); the id is the MessageId.
        var rows = await host.Db.QueryAsync<(Guid Id, string Ping)>(
            "select id, payload ->> 'id' from outbox where id = any(@ids) order by seq", new { ids = ids.ToArray() });
        Assert.Equal(ids, rows.Select(r => r.Id));
        Assert.Equal(pings.Select(p => p.Id.ToString()), rows.Select(r => r.Ping));
        foreach (var ping in pings)
        {
            await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(ping.Id) == 1, $"{ping.Note} was consumed");
        }

        Assert.Equal(5, await host.Db.ExecuteScalarAsync<int>(
            "select count(*)::int from inbox where message_id = any(@ids)", new { ids = ids.ToArray() }));
        await using (var empty = await host.Db.BeginAsync())
        {
            Assert.Empty(await empty.PublishAllAsync([]));
        }
    }

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        var ping = new Pinged(Guid.CreateVersion7(), "twice");
        var messageId = NewId.NextGuid();

        await host.Bus.Publish(ping, ctx => ctx.MessageId = messageId);
        await host.Bus.Publish(ping, ctx => ctx.MessageId = messageId);
        var marker = await host.PingAsync("marker");
        await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(marker) == 1, "the marker arrived");
        await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(ping.Id) >= 1, "the duplicate pair arrived");
        await Task.Delay(500);

        Assert.Equal(1, await host.EffectsOfAsync(ping.Id));
        Assert.Equal(1, await host.Db.ExecuteScalarAsync<int>(
            "select count(*)::int from inbox where message_id = @messageId", new { messageId }));
    }
}

/// <summary>The host reaches the broker through a proxy the test can cut.</summary>
public sealed class BrokerOutageFixture : HostFixture
{
    public TcpProxy Proxy { get; } = new("127.0.0.1", 5672);

    protected override string BrokerUri()
    {
        var real = new Uri(Broker.Uri);
        Proxy.RetargetTo(real.Host, real.Port);
        return Broker.Via(Proxy.Port);
    }
}

public sealed class BrokerOutageTests(BrokerOutageFixture host) : IClassFixture<BrokerOutageFixture>
{
    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_delivered_when_it_returns()
    {
        var before = await host.PingAsync("before the outage");
        await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(before) == 1, "the first event arrived");

        host.Proxy.Cut();
        var during = await host.PingAsync("during the outage");
        await Eventually.HoldsAsync(async () => await host.Db.ExecuteScalarAsync<int>(
            "select attempts from outbox where payload ->> 'id' = @id", new { id = during.ToString() }) > 0,
            "the relay tried to publish during the outage and recorded the failure", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await host.EffectsOfAsync(during));
        Assert.True(await host.Db.ExecuteScalarAsync<bool>(
            "select sent_at is null from outbox where payload ->> 'id' = @id", new { id = during.ToString() }));

        host.Proxy.Restore();
        await Eventually.HoldsAsync(async () => await host.EffectsOfAsync(during) == 1, "the event written during the outage arrived",
            TimeSpan.FromSeconds(90));
    }
}
