using Npgsql;

namespace EOffice.Testing;

/// <summary>A throwaway database for one test class (or run), dropped when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private TestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>A connection string to it (as the admin test role, which owns it).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a fresh, empty database.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var env = await TestEnvironment.GetAsync();
        var name = "eoffice_t_" + Guid.NewGuid().ToString("N")[..12];
        // The name is generated above from hex digits only; identifiers cannot be parameters.
        await AdminAsync(env.PostgresAdmin, $"create database {name}");

        var csb = new NpgsqlConnectionStringBuilder(env.PostgresAdmin) { Database = name, Pooling = true };
        return new TestDatabase(env.PostgresAdmin, name, csb.ConnectionString);
    }

    /// <summary>Opens a connection to the database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync(_admin, $"drop database if exists {Name} with (force)");
    }

    /// <summary>
    /// Runs a database-level command, retried: with every test project creating and dropping databases at
    /// once, Postgres now and then refuses one for a moment (another session on the template, a catalog
    /// update racing another), and a class's clean-up must not fail a run over that.
    /// </summary>
    private static async Task AdminAsync(string admin, string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 6)
            {
                await Console.Error.WriteLineAsync($"test database: {e.SqlState} {e.MessageText}; retrying `{sql}`");
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }
}
