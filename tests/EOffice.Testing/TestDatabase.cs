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
        await using (var connection = new NpgsqlConnection(env.PostgresAdmin))
        {
            await connection.OpenAsync();
            // The name is generated above from hex digits only; identifiers cannot be parameters.
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

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
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
