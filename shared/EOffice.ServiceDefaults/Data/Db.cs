using Dapper;
using EOffice.ServiceDefaults.Messaging;
using Npgsql;

namespace EOffice.ServiceDefaults.Data;

/// <summary>
/// The service's database: its own schema, reached through one <see cref="NpgsqlDataSource"/>.
/// Reads go through the query helpers; every change goes through <see cref="BeginAsync"/>.
/// </summary>
public sealed class Db(NpgsqlDataSource dataSource, string schema, OutboxSignal outboxSignal)
{
    /// <summary>The schema this service owns (also its connection's search path).</summary>
    public string Schema { get; } = schema;

    /// <summary>The pooled data source.</summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    internal OutboxSignal OutboxSignal { get; } = outboxSignal;

    /// <summary>Opens a connection and a transaction: the one way to change state (and publish events).</summary>
    public async Task<UnitOfWork> BeginAsync(CancellationToken ct = default)
    {
        var connection = await DataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new UnitOfWork(connection, transaction, OutboxSignal, ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Rows of a read-only query.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, param, cancellationToken: ct))).AsList();
    }

    /// <summary>One row or null.</summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, param, cancellationToken: ct));
    }

    /// <summary>A single value.</summary>
    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, param, cancellationToken: ct));
    }

    /// <summary>
    /// Several read-only statements (separated by <c>;</c>) in one round trip; <paramref name="read"/> reads their
    /// results in order from the grid before the connection goes back to the pool.
    /// </summary>
    public async Task<T> QueryMultipleAsync<T>(string sql, object? param, Func<SqlMapper.GridReader, Task<T>> read, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, param, cancellationToken: ct));
        return await read(grid);
    }
}
