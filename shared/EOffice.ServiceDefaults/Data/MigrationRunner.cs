using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EOffice.ServiceDefaults.Data;

/// <summary>An applied migration whose text has changed since: a deployment error, never silently ignored.</summary>
public sealed class MigrationChecksumException(string id)
    : Exception($"Migration '{id}' was applied with a different text. Applied migrations must never be edited; add a new one.")
{
    /// <summary>The migration at fault.</summary>
    public string MigrationId { get; } = id;
}

/// <summary>
/// Applies SQL migrations to one schema: all in one transaction, under a Postgres advisory lock
/// so replicas starting together wait for each other, journaled with checksums in
/// <c>schema_migrations</c>.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, string schema, IReadOnlyList<Migration> migrations, ILogger logger)
{
    /// <summary>Applies what is missing; returns the ids applied now.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a plain schema name.", nameof(schema));
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_xact_lock(hashtext('eoffice.migrations.' || @schema))", new { schema }, tx, cancellationToken: ct));

        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from pg_namespace where nspname = @schema)", new { schema }, tx, cancellationToken: ct));
        if (!exists)
        {
            // The name was checked against SchemaName() above; identifiers cannot be parameters.
            await connection.ExecuteAsync(new CommandDefinition($"create schema \"{schema}\"", transaction: tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            set local search_path to "{schema}";
            create table if not exists schema_migrations (
                id         text primary key,
                checksum   text not null,
                applied_at timestamptz not null default now()
            );
            """, transaction: tx, cancellationToken: ct));

        var applied = (await connection.QueryAsync<(string Id, string Checksum)>(new CommandDefinition(
            "select id, checksum from schema_migrations", transaction: tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => r.Checksum, StringComparer.Ordinal);

        var done = new List<string>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Id, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new MigrationChecksumException(migration.Id);
                }

                continue;
            }

            // No command timeout: a migration may build an index over a large table (minutes at a million rows).
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, commandTimeout: 0, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into schema_migrations (id, checksum) values (@Id, @Checksum)", migration, tx, cancellationToken: ct));
            done.Add(migration.Id);
        }

        await tx.CommitAsync(ct);
        if (done.Count > 0)
        {
            LogApplied(logger, schema, done.Count, string.Join(", ", done));
        }

        return done;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema}: applied {Count} migration(s): {Ids}")]
    private static partial void LogApplied(ILogger logger, string schema, int count, string ids);
}
