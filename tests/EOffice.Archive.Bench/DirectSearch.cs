using Dapper;
using EOffice.Archive.Records;
using EOffice.Archive.Search;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using Npgsql;

namespace EOffice.Archive.Bench;

/// <summary>
/// The SQL of <see cref="RecordSearch.SearchAsync"/> run directly with Npgsql: the same text and the same
/// parameters (from <see cref="RecordSearch.Command"/>), first page only.
/// </summary>
internal static class DirectSearch
{
    /// <summary>How many records the query matches for the scope (all of them, not just the window or a page).</summary>
    public const string CountRankedSql =
        $"""
        select count(*) from records r
        where ({RecordSearch.Match} or (@numberish and lower(r.number) like @prefix))
          and ({RecordScope.Sql}) is true {RecordSearch.Filters}
          and @afterRank::float8 is null and @afterId::uuid is null and @take::int > 0
        """;

    /// <summary>How many records a list without q shows for the scope.</summary>
    public const string CountListSql =
        $"""
        select count(*) from records r
        where {RecordScope.Sql} {RecordSearch.Filters}
          and @afterDate::date is null and @afterId::uuid is null and @take::int > 0
        """;

    /// <summary>The first page of a search, as the service would run it for the scope.</summary>
    public static async Task<IReadOnlyList<RecordView>> SearchAsync(NpgsqlDataSource dataSource, RecordFilter f, RecordScope scope, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sql, parameters) = await CommandAsync(connection, f, scope, ct);
        return (await connection.QueryAsync<RecordView>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>The SQL text and parameters the service sends for a first page (the query's terms asked first, as the service does).</summary>
    public static async Task<(string Sql, DynamicParameters Parameters)> CommandAsync(NpgsqlConnection connection, RecordFilter f, RecordScope scope, CancellationToken ct)
    {
        var q = RecordSearch.TextOf(f);
        var terms = q is null
            ? null
            : await connection.ExecuteScalarAsync<string>(new CommandDefinition(RecordSearch.TermsSql, RecordSearch.TermsParameters(q), cancellationToken: ct));
        return RecordSearch.Command(f, scope, Paging.Limit(null), null, terms);
    }
}
