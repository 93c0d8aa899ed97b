using System.Globalization;
using System.Text.RegularExpressions;
using EOffice.Archive.Records;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Search;

/// <summary>A record as the API shows it.</summary>
public sealed record RecordView
{
    public Guid Id { get; init; }
    public Guid LetterId { get; init; }
    public string Direction { get; init; } = "";
    public string Number { get; init; } = "";
    public string? Type { get; init; }
    public string? Subject { get; init; }
    public string? Summary { get; init; }
    public Guid UnitId { get; init; }
    public string ClassificationCode { get; init; } = "";
    public bool ClassificationKnown { get; init; }
    public string Security { get; init; } = "";
    public DateOnly Date { get; init; }
    public string State { get; init; } = "";
    public DateOnly ActiveUntil { get; init; }
    public DateOnly InactiveUntil { get; init; }
    public string FinalDisposition { get; init; } = "";
    public bool Hold { get; init; }
    public string? HoldReason { get; init; }
    public Guid? FileId { get; init; }
    public DateTimeOffset? DispositionsCompletedAt { get; init; }
    public DateTimeOffset? DestroyedAt { get; init; }

    /// <summary>When the signer recalled the letter (only archivists see such records).</summary>
    public DateTimeOffset? RecalledAt { get; init; }
    public double? Rank { get; init; }
}

/// <summary>Search filters.</summary>
public sealed record RecordFilter(string? Q, Guid? UnitId, string? Classification, DateOnly? From, DateOnly? To, string? Security, string? State);

/// <summary>
/// Full-text search over records: Indonesian stems (twice applied) and exact words (names included, the words
/// typed in part widened to the words they begin) over number, subject, summary, body and names, plus letter
/// numbers exactly or by a leading part,
/// ranked; filters;
/// keyset pages; only records the caller may see. A ranked query ranks the 200 most recent matches
/// (refine with filters or dates to reach older ones); without a query, records come newest first.
/// </summary>
public sealed partial class RecordSearch(Db db)
{
    /// <summary>How many most-recent matches a ranked query ranks (bounds the work of common words).</summary>
    public const int CandidateWindow = 200;

    /// <summary>Stands for the caller's visibility condition in the SQL templates.</summary>
    public const string Visibility = "/*visibility*/true";

    /// <summary>The columns of a <see cref="RecordView"/> on alias <c>r</c> (rank aside).</summary>
    public const string Columns =
        """
        r.id, r.letter_id, r.direction, r.number, r.type, r.subject, r.summary, r.unit_id, r.classification_code, r.classification_known,
        r.security, r.letter_date as date, r.state, r.active_until, r.inactive_until, r.final_disposition, r.hold, r.hold_reason, r.file_id,
        r.dispositions_completed_at, r.destroyed_at, r.recalled_at
        """;

    /// <summary>The filter conditions on alias <c>r</c> (parameters @unitId, @classification, @from, @to, @security, @state).</summary>
    public const string Filters =
        """
        and (@unitId::uuid is null or r.unit_id = @unitId)
        and (@classification::text is null or r.classification_code = @classification or r.classification_code like @classification || '.%')
        and (@from::date is null or r.letter_date >= @from)
        and (@to::date is null or r.letter_date <= @to)
        and (@security::text is null or r.security = @security)
        and (@state::text is null or r.state = @state)
        """;

    /// <summary>The query without text: visible records, filtered, newest first (keyset on date and id).</summary>
    public const string ListSql =
        $"""
        select {Columns}, null::float8 as rank from records r
        where {Visibility} {Filters}
          and (@afterDate::date is null or (r.letter_date, r.id) < (@afterDate, @afterId))
        order by r.letter_date desc, r.id desc
        limit @take
        """;

    /// <summary>
    /// The index expression of <c>records_search</c> (migration 0008): the search document and the keys of
    /// unit, involved positions and month blocks that a query adds to its tsquery.
    /// </summary>
    public const string Indexed = "(r.doc || search_keys(r.letter_date, r.unit_id, r.involved_positions))";

    /// <summary>
    /// The query's terms, computed first (<see cref="TermsSql"/>) and passed as <c>@tsq</c>, so the planner sees them
    /// (they read the vocabulary, so they cannot be folded into the plan).
    /// </summary>
    public const string TsQuery = "@tsq::tsquery";

    /// <summary>
    /// The terms of a query: the phrase, or words (Indonesian stems, exact words, and the vocabulary's words that
    /// begin with a word typed in part; migration 0009).
    /// </summary>
    public const string TermsSql =
        "select (case when @phrase::text is not null then phraseto_tsquery('simple', @phrase) else search_terms(@q) end)::text";

    /// <summary>
    /// The text match, narrowed in the index to what the caller may see and to the unit filter (@keys: a
    /// superset of the visibility condition, which still applies row by row). A query without words matches nothing.
    /// </summary>
    public const string Match = $"(numnode({TsQuery}) > 0 and {Indexed} @@ ({TsQuery} && @keys::tsquery))";

    /// <summary>The 200 (at most) most recent matches become <c>hits</c> (id); this ranks them and takes the page.</summary>
    private const string RankHits =
        $"""
        select {Columns}, r.rank from (
            select r.*, (ts_rank_cd(r.doc, {TsQuery})
                   + case when lower(r.number) = lower(@q) then 10 when @numberish and lower(r.number) like @prefix then 2 else 0 end)::float8 as rank
            from hits join records r on r.id = hits.id
        ) r
        where (@afterRank::float8 is null or (r.rank, r.id) < (@afterRank, @afterId))
        order by r.rank desc, r.id desc
        limit @take
        """;

    /// <summary>
    /// Letter numbers (a query with digits or '/'): matches in the search document (<c>records_doc</c>) or by a
    /// leading part of the number, the 200 most recent ranked. The planner reads on through the newest records for a
    /// common term and asks the index for a rare one.
    /// </summary>
    public static readonly string RankedSql =
        $"""
        with hits as (
            select r.id, r.letter_date,
                   ts_rank_cd(r.doc, {TsQuery})
                     + case when lower(r.number) = lower(@q) then 10 when @numberish and lower(r.number) like @prefix then 2 else 0 end as rank
            from records r
            where (r.doc @@ {TsQuery} or (@numberish and lower(r.number) like @prefix))
              and {Visibility} {Filters}
            order by r.letter_date desc, r.id desc
            limit {CandidateWindow}
        )
        select {Columns}, hits.rank::float8 as rank
        from hits join records r on r.id = hits.id
        where (@afterRank::float8 is null or (hits.rank, r.id) < (@afterRank, @afterId))
        order by hits.rank desc, r.id desc
        limit @take
        """;

    /// <summary>
    /// How many of the newest visible records a phrase or word query reads itself first; when half of them or more
    /// match (a common phrase or word), it reads on up to <see cref="NewestMore"/> more instead of asking the index.
    /// </summary>
    public const int NewestFirst = 100;

    /// <summary>How many more of the newest visible records a common phrase or word reads.</summary>
    public const int NewestMore = 300;

    /// <summary>
    /// The newest visible records, read one by one (<c>newest</c>), and their matches (<c>quick</c>): a common
    /// phrase or word fills the window here (asking the index instead would go through a list as long as the archive).
    /// </summary>
    private static readonly string Newest =
        $"""
        first as (
            -- each document is read after the limit (a filtered scan may sort many rows first)
            select x.id, x.letter_date, x.doc @@ {TsQuery} as hit from (
                select r.id, r.letter_date, r.doc from records r
                where numnode({TsQuery}) > 0 and ({RecordScope.Sql}) is true {Filters}
                order by r.letter_date desc, r.id desc
                limit {NewestFirst}
            ) x
        ),
        more as (
            select x.id, x.letter_date, x.doc @@ {TsQuery} as hit from (
                select r.id, r.letter_date, r.doc from records r
                where (select count(*) from first where hit) * 2 >= {NewestFirst}
                  and (r.letter_date, r.id) < (select f.letter_date, f.id from first f order by f.letter_date, f.id limit 1)
                  and ({RecordScope.Sql}) is true {Filters}
                order by r.letter_date desc, r.id desc
                limit {NewestMore}
            ) x
        ),
        newest as (
            select * from first union all select * from more
        ),
        quick as (
            select id from newest where hit limit {CandidateWindow}
        ),
        cut as (
            select letter_date, id from newest order by letter_date, id limit 1
        ),
        """;

    /// <summary>Whether the window needs records older than the newest ones read (not full yet, and there are older ones).</summary>
    private static readonly string NeedsOlder =
        $"""
        (select count(*) from quick) < {CandidateWindow}
        and (select count(*) from first) = {NewestFirst}
        and ((select count(*) from first where hit) * 2 < {NewestFirst} or (select count(*) from more) = {NewestMore})
        """;

    /// <summary>The blocks of months below the newest records read (<c>cut</c>): 1, 1, 2, 4, ... months, each one key.</summary>
    private const string Blocks =
        """
        blocks as (
            select 0 as k, 0 as lvl, search_month(c.letter_date) as hi from cut c
            union all
            select b.k + 1,
                   (select max(l) from generate_series(0, least(b.k + 1, 9)) l where (b.hi - (1 << b.lvl) + 1) % (1 << l) = 0),
                   b.hi - (1 << b.lvl)
            from blocks b
            where b.k < @blocks and b.hi - (1 << b.lvl) >= greatest(@bottom, (select search_month(min(letter_date)) from records))
        ),
        """;

    /// <summary>The most recent matches older than the newest records read, block by block (<see cref="Blocks"/>).</summary>
    private static readonly string ByBlock =
        $"""
        select h.id from blocks cross join lateral (
            select r.id from records r
            where {Match}
              and {Indexed} @@ quote_literal(' b' || blocks.lvl || '.' || (blocks.hi >> blocks.lvl))::tsquery
              and (r.letter_date, r.id) < ((select letter_date from cut), (select id from cut))
              and ({RecordScope.Sql}) is true {Filters}
            order by r.letter_date desc, r.id desc
            limit {CandidateWindow}
        ) h
        """;

    /// <summary>
    /// A phrase: its words are common and the phrase rarer, and only each record's document tells (so neither
    /// reading through the newest records nor checking every record with both words is quick). After the newest
    /// records (<see cref="Newest"/>) the index answers period by period, newest first, in blocks of 1, 1, 2, 4, ...
    /// months (each block one key), narrowed to what the caller may see, so the phrase is checked only on those
    /// candidates, until the window is full.
    /// </summary>
    public static readonly string PhraseSql =
        $"""
        with recursive {Newest}
        {Blocks}
        hits as (
            select id from quick
            union all
            {ByBlock}
            where {NeedsOlder}
            limit {CandidateWindow}
        )
        {RankHits}
        """;

    /// <summary>How many months below the newest records read a word query asks the index for by month first.</summary>
    public const int RecentMonths = 3;

    /// <summary>
    /// The months below the newest records read (<c>cut</c>) that a word query asks by month (<c>keys</c>: one
    /// key per month), and the first day of the oldest (<c>start</c>).
    /// </summary>
    private static readonly string Recent =
        $"""
        period as (
            select make_date((p.m - {RecentMonths - 1}) / 12, (p.m - {RecentMonths - 1}) % 12 + 1, 1) as start,
                   (select string_agg(quote_literal(' b0.' || (p.m - i)), ' | ') from generate_series(0, {RecentMonths - 1}) i)::tsquery as keys
            from (select search_month(letter_date) as m from cut) p
        ),
        """;

    /// <summary>
    /// Words and names (not numbers): the newest records first (<see cref="Newest"/>), which a common word fills the
    /// window from; then the index, narrowed to the last <see cref="RecentMonths"/> months by their keys (what the
    /// caller may see is checked row by row there), which a frequent name fills it from (asking for all its matches would read tens of
    /// thousands of records to find the newest 200); then, for a rarer word, one query on <c>records_doc</c> for the
    /// older matches, whose terms the planner sees.
    /// </summary>
    public static readonly string WordSql =
        $"""
        with {Newest}
        {Recent}
        recent as (
            select r.id from records r
            where {NeedsOlder}
              -- the month keys narrow enough; the caller's keys would cost the index more than they save
              and {Indexed} @@ ({TsQuery} && (select keys from period))
              -- checked on the index's matches (a bitmap of every record below the cut would cost more)
              and ((r.letter_date, r.id) < ((select letter_date from cut), (select id from cut))) is true
              and ({RecordScope.Sql}) is true {Filters}
            order by r.letter_date desc, r.id desc
            limit {CandidateWindow}
        ),
        older as (
            select r.id from records r
            where {NeedsOlder}
              and (select count(*) from quick) + (select count(*) from recent) < {CandidateWindow}
              and {Match}
              and (r.letter_date < (select start from period)) is true
              and {Visibility} {Filters}
            order by r.letter_date desc, r.id desc
            limit {CandidateWindow}
        ),
        hits as (
            select id from quick
            union all
            select id from recent
            union all
            select id from older
            limit {CandidateWindow}
        )
        {RankHits}
        """;

    /// <summary>A page of results.</summary>
    public async Task<Page<RecordView>> SearchAsync(RecordFilter f, RecordScope scope, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var q = TextOf(f);
        var terms = q is null ? null : await db.ExecuteScalarAsync<string>(TermsSql, TermsParameters(q), ct);
        var (sql, parameters) = Command(f, scope, take, after, terms);
        var rows = await db.QueryAsync<RecordView>(sql, parameters, ct);
        return q is null
            ? Paging.Build(rows, take, r => Paging.Encode(r.Date.ToString("O", CultureInfo.InvariantCulture), r.Id.ToString()))
            : Paging.Build(rows, take, r => Paging.Encode(r.Rank!.Value.ToString("R", CultureInfo.InvariantCulture), r.Id.ToString()));
    }

    /// <summary>The longest query text.</summary>
    public const int MaxQuery = 200;

    /// <summary>The query text, trimmed (null when there is none); 400 naming <c>q</c> when it is too long.</summary>
    public static string? TextOf(RecordFilter f)
    {
        var q = f.Q?.Trim();
        return q switch
        {
            null or "" => null,
            { Length: > MaxQuery } => throw ProblemException.Invalid("q", $"At most {MaxQuery} characters."),
            _ => q,
        };
    }

    /// <summary>The parameters of <see cref="TermsSql"/> for a query text (from <see cref="TextOf"/>).</summary>
    public static object TermsParameters(string q) => new { q, phrase = PhraseOf(q) };

    /// <summary>
    /// The SQL and parameters of one page, given the query's terms from <see cref="TermsSql"/> (also used by the
    /// benchmark to run the same SQL directly).
    /// </summary>
    public static (string Sql, Dapper.DynamicParameters Parameters) Command(RecordFilter f, RecordScope scope, int take, string? after, string? terms)
    {
        var q = TextOf(f);
        var p = new Dapper.DynamicParameters(new
        {
            unitId = f.UnitId,
            classification = f.Classification,
            from = f.From,
            to = f.To,
            security = f.Security,
            state = f.State,
            positions = scope.Positions,
            secretariatUnits = scope.SecretariatUnits,
            archivistUnits = scope.ArchivistUnits,
        });
        var cursor = Paging.Read(after, 2);
        p.Add("afterId", cursor?.Id(1));
        p.Add("take", take + 1);
        if (string.IsNullOrEmpty(q))
        {
            p.Add("afterDate", cursor?.Date(0));
            return (ListSql.Replace(Visibility, scope.SearchSql, StringComparison.Ordinal), p);
        }

        p.Add("q", q);
        p.Add("tsq", terms ?? throw new ArgumentNullException(nameof(terms), "A query with text needs its terms."));
        var phrase = PhraseOf(q);
        var numberish = NumberLike().IsMatch(q);
        p.Add("numberish", numberish);
        p.Add("prefix", SqlText.StartsWith(q.ToLowerInvariant()));
        p.Add("afterRank", cursor?.Number(0));
        p.Add("keys", Keys(scope, f.UnitId));
        // A phrase walks every block down to the oldest record (or the period's start).
        p.Add("blocks", int.MaxValue);
        p.Add("bottom", f.From is { } start ? start.Year * 12 + start.Month - 1 : 0);
        // Unit, classification or period filters narrow the records enough for the one query on records_doc.
        var narrowed = f.UnitId is not null || f.Classification is not null || f.From is not null || f.To is not null;
        var sql = phrase is not null ? PhraseSql : numberish || narrowed ? RankedSql : WordSql;
        return (sql.Replace(Visibility, scope.SearchSql, StringComparison.Ordinal), p);
    }

    /// <summary>One record, if the caller may see it.</summary>
    public async Task<RecordView?> GetAsync(Guid id, RecordScope scope, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<RecordView>(
            $"select {Columns}, null::float8 as rank from records r where r.id = @id and {RecordScope.Sql}",
            new { id, positions = scope.Positions, secretariatUnits = scope.SecretariatUnits, archivistUnits = scope.ArchivistUnits }, ct);

    /// <summary>
    /// The index keys of what the caller may see (involved positions, and whole units for archivists and
    /// secretariats), and of the unit filter; a tsquery for <c>@keys</c>.
    /// </summary>
    public static string Keys(RecordScope scope, Guid? unitId)
    {
        var visible = scope.Positions.Select(p => $"' p{p}'")
            .Concat(scope.ArchivistUnits.Concat(scope.SecretariatUnits).Distinct().Select(u => $"' u{u}'"))
            .ToList();
        var keys = visible.Count == 0 ? "' none'" : "(" + string.Join(" | ", visible) + ")";
        return unitId is { } unit ? $"{keys} & ' u{unit}'" : keys;
    }

    private static string? PhraseOf(string q) =>
        q.Length > 2 && q[0] == '"' && q[^1] == '"' ? q[1..^1] : null;

    [GeneratedRegex(@"[/\d]")]
    private static partial Regex NumberLike();
}
