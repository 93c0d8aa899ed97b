using Dapper;
using EOffice.ServiceDefaults.Data;
using EOffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EOffice.ServiceDefaults.Tests;

public sealed class MigrationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private static readonly Migration[] Migrations =
    [
        new("0001_a.sql", "create table a (id int primary key);"),
        new("0002_b.sql", "create table b (id int primary key, a_id int references a (id));"),
    ];

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private MigrationRunner Runner(NpgsqlDataSource source, IReadOnlyList<Migration> migrations) =>
        new(source, "svc", migrations, NullLogger.Instance);

    private NpgsqlDataSource Source() =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_db.ConnectionString) { SearchPath = "svc" }.ConnectionString);

    [Fact]
    public async Task Migrations_are_applied_once_and_journaled_with_their_checksums()
    {
        await using var source = Source();
        var first = await Runner(source, Migrations).RunAsync();
        var second = await Runner(source, Migrations).RunAsync();

        Assert.Equal(["0001_a.sql", "0002_b.sql"], first);
        Assert.Empty(second);
        await using var connection = await _db.OpenAsync();
        var journal = (await connection.QueryAsync<(string Id, string Checksum)>("select id, checksum from svc.schema_migrations order by id")).ToList();
        Assert.Equal(Migrations.Select(m => (m.Id, m.Checksum)), journal);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from svc.b"));
    }

    [Fact]
    public async Task Two_instances_starting_together_apply_each_migration_exactly_once()
    {
        await using var one = Source();
        await using var two = Source();

        var results = await Task.WhenAll(
            Task.Run(() => Runner(one, Migrations).RunAsync()),
            Task.Run(() => Runner(two, Migrations).RunAsync()));

        Assert.Equal(["0001_a.sql", "0002_b.sql"], results.SelectMany(r => r).Order());
        await using var connection = await _db.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select count(*) from svc.schema_migrations"));
    }

    [Fact]
    public async Task An_edited_applied_migration_is_refused_and_nothing_after_it_runs()
    {
        await using var source = Source();
        await Runner(source, Migrations).RunAsync();
        Migration[] edited = [new("0001_a.sql", "create table a (id bigint primary key);"), Migrations[1], new("0003_c.sql", "create table c (id int);")];

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(source, edited).RunAsync());

        Assert.Equal("0001_a.sql", error.MigrationId);
        await using var connection = await _db.OpenAsync();
        Assert.False(await connection.ExecuteScalarAsync<bool>("select exists (select 1 from pg_tables where schemaname = 'svc' and tablename = 'c')"));
    }

    [Fact]
    public void Embedded_migrations_are_found_in_file_name_order()
    {
        var found = Migration.FromAssembly(typeof(MigrationTests).Assembly);
        Assert.Equal(["0001_pings.sql"], found.Select(m => m.Id));
        Assert.Contains(Migration.Infrastructure, m => m.Id == "infra/0000_outbox_inbox.sql");
    }
}
