using System.Diagnostics;
using System.Text.Json;
using Dapper;
using EOffice.ServiceDefaults.Messaging;
using MassTransit;
using Npgsql;

namespace EOffice.ServiceDefaults.Data;

/// <summary>
/// One connection and transaction. State changes and the events they cause are written here and
/// commit together: <see cref="PublishAsync{T}"/> (or <see cref="PublishAllAsync"/>) writes to the schema's outbox, and the relay
/// publishes after commit. Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly OutboxSignal _signal;
    private readonly CancellationToken _ct;
    private bool _published;

    internal UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxSignal signal, CancellationToken ct)
    {
        Connection = connection;
        Transaction = transaction;
        _signal = signal;
        _ct = ct;
    }

    /// <summary>The open connection.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The open transaction.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Runs a statement in the transaction; returns the rows affected.</summary>
    public Task<int> ExecuteAsync(string sql, object? param = null) =>
        Connection.ExecuteAsync(Command(sql, param));

    /// <summary>Rows of a query in the transaction.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null) =>
        (await Connection.QueryAsync<T>(Command(sql, param))).AsList();

    /// <summary>One row or null, in the transaction.</summary>
    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, param));

    /// <summary>A single value, in the transaction.</summary>
    public Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, param));

    /// <summary>
    /// Several statements (separated by <c>;</c>) in one round trip, in the transaction; <paramref name="read"/> reads
    /// their results in order from the grid.
    /// </summary>
    public async Task<T> QueryMultipleAsync<T>(string sql, object? param, Func<SqlMapper.GridReader, Task<T>> read)
    {
        await using var grid = await Connection.QueryMultipleAsync(Command(sql, param));
        return await read(grid);
    }

    /// <summary>
    /// Writes an event to the outbox in this transaction. It reaches the broker only if the
    /// transaction commits; its MassTransit MessageId is the outbox row id.
    /// </summary>
    public async Task<Guid> PublishAsync<T>(T message) where T : class =>
        (await PublishAllAsync([message]))[0];

    /// <summary>
    /// Writes several events to the outbox in this transaction, in one statement: as many
    /// <see cref="PublishAsync{T}"/> calls in the same order would (each its own row and MessageId, published
    /// in this order), in one round trip. Returns the ids in the order of <paramref name="messages"/>.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PublishAllAsync(IEnumerable<object> messages)
    {
        var list = messages.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var ids = new Guid[list.Count];
        var types = new string[list.Count];
        var exchanges = new string[list.Count];
        var payloads = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var type = list[i].GetType();
            ids[i] = Guid.CreateVersion7();
            types[i] = OutboxMessageTypes.NameOf(type);
            exchanges[i] = OutboxMessageTypes.ExchangeOf(type);
            payloads[i] = JsonSerializer.Serialize(list[i], type, JsonSerializerOptions.Web);
        }

        // The relay publishes by seq, which the rows take in the order they are inserted: the order of the arrays.
        await ExecuteAsync(
            """
            insert into outbox (id, message_type, exchange, payload, trace_parent)
            select m.id, m.message_type, m.exchange, m.payload::jsonb, @traceParent
            from unnest(@ids::uuid[], @types::text[], @exchanges::text[], @payloads::text[]) with ordinality as m (id, message_type, exchange, payload, n)
            order by m.n
            """,
            new { ids, types, exchanges, payloads, traceParent = Activity.Current?.Id });
        _published = true;
        return ids;
    }

    /// <summary>
    /// Holds a transaction-scoped lock on <paramref name="key"/> until commit or rollback: work on the same
    /// thing (e.g. two consumers of one letter) runs one after the other and each sees the other's rows.
    /// </summary>
    public Task LockAsync(string key) =>
        ExecuteAsync("select pg_advisory_xact_lock(hashtext(@key))", new { key });

    /// <summary>Appends to the schema's audit trail, in this transaction (the request id is added).</summary>
    public Task AuditAsync(Guid? actorUserId, string action, string entity, Guid? entityId, object? detail = null) =>
        ExecuteAsync(
            """
            insert into audit_log (id, actor_user_id, action, entity, entity_id, detail, request_id)
            values (@id, @actorUserId, @action, @entity, @entityId, @detail::jsonb, @requestId)
            """,
            new
            {
                id = Guid.CreateVersion7(),
                actorUserId,
                action,
                entity,
                entityId,
                detail = detail is null ? null : JsonSerializer.Serialize(detail, JsonSerializerOptions.Web),
                requestId = Http.RequestId.Current,
            });

    /// <summary>Commits; then wakes the outbox relay if events were written.</summary>
    public async Task CommitAsync()
    {
        if (IdempotencyClaim.Current is { } claim)
        {
            // The request's Idempotency-Key is marked carried out with its work: a retry after a crash that loses the
            // response is told so instead of doing the work twice.
            await ExecuteAsync("update idempotency_keys set committed = true where user_id = @UserId and key = @Key", claim);
        }

        await Transaction.CommitAsync(_ct);
        if (_published)
        {
            _signal.Notify();
        }
    }

    /// <summary>Rolls back (if not committed) and returns the connection to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private CommandDefinition Command(string sql, object? param) =>
        new(sql, param, Transaction, cancellationToken: _ct);
}

internal static class OutboxMessageTypes
{
    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static string ExchangeOf(Type type) =>
        type.GetCustomAttributes(typeof(EntityNameAttribute), false).OfType<EntityNameAttribute>().FirstOrDefault()?.EntityName
        ?? type.FullName ?? type.Name;

    public static Type? Resolve(string name) => Type.GetType(name, throwOnError: false);
}
