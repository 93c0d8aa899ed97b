using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using EOffice.Archive.Classification;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EOffice.Archive.Bench;

/// <summary>What loading a step took.</summary>
internal sealed record LoadResult(long From, long To, TimeSpan Load, IReadOnlyList<(string Index, TimeSpan Took)> Indexes, TimeSpan IndexWall, TimeSpan Vacuum);

/// <summary>
/// Loads realistic Indonesian records into <c>archive.records</c> with server-side SQL: batches of
/// <see cref="BatchSize"/> rows from <c>generate_series</c>, written like <c>RecordWriter</c> writes a row
/// (retention dates and state from the classification rule, <c>doc</c> from <c>search_doc(...)</c>, secret
/// records without subject, summary and body). Deterministic: row <c>g</c> is always the same record, so a
/// database can be grown in steps and reused.
/// </summary>
internal sealed class DataGenerator
{
    /// <summary>Changes whenever the generated data would change (a database from another version is dropped).</summary>
    public const string Version = "archive-bench-1";

    public const int BatchSize = 50_000;

    /// <summary>Share of records in Diskominfo's units (the archivist's agency).</summary>
    public const double DiskominfoShare = 0.25;

    /// <summary>The GIN indexes of the Archive migration, dropped for a bulk load and rebuilt after (same definitions).</summary>
    public static readonly (string Name, string Sql)[] GinIndexes =
    [
        ("records_doc", "create index if not exists records_doc on records using gin (doc)"),
        ("records_search", "create index if not exists records_search on records using gin ((doc || search_keys(letter_date, unit_id, involved_positions))); " +
            "alter index records_search alter column 1 set statistics 1000"),
        ("records_names_trgm", "create index if not exists records_names_trgm on records using gin (names gin_trgm_ops)"),
        ("records_number_trgm", "create index if not exists records_number_trgm on records using gin (number gin_trgm_ops)"),
        ("records_involved", "create index if not exists records_involved on records using gin (involved_positions)"),
    ];

    private const string Helpers =
        """
        -- a uniform number in [0, 1) from a row number and a salt (deterministic)
        create or replace function bench.u(g bigint, salt int) returns float8 language sql immutable parallel safe as $$
            select ((hashint8extended(g, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0
        $$;
        -- n words: mostly common ones with a Zipf-like skew, now and then a specialist term (itself skewed)
        create or replace function bench.words(g bigint, salt int, n int, common text[], rare text[]) returns text
        language sql immutable parallel safe as $$
            select string_agg(case when bench.u(g, salt + 2 * j) < 0.012
                                   then rare[1 + floor(power(bench.u(g, salt + 2 * j + 1), 3) * cardinality(rare))::int]
                                   else common[1 + floor(power(bench.u(g, salt + 2 * j + 1), 2.5) * cardinality(common))::int] end, ' ')
            from generate_series(1, n) j
        $$;
        """;

    private const string InsertSql =
        """
        insert into records (id, letter_id, unit_id, direction, number, type, subject, summary, body, names, classification_code,
                             classification_known, security, letter_date, involved_positions, state, active_until, inactive_until,
                             final_disposition, doc, created_at, updated_at)
        select x.id, x.letter_id, x.unit_id, x.direction, x.number, x.type, x.subject, x.summary, x.body, x.names, x.code,
               true, x.security, x.letter_date, x.involved,
               case when @today < x.active_until then 'Active' when @today < x.inactive_until then 'Inactive' else 'DueForDisposal' end,
               x.active_until, x.inactive_until, x.final,
               search_doc(x.subject, x.summary, x.body, x.names, x.number), x.created_at, x.created_at
        from (
            select (lpad(to_hex((extract(epoch from t.created_at) * 1000)::bigint), 12, '0') || '7' || substr(t.md, 1, 3) || '8' || substr(t.md, 4, 15))::uuid as id,
                   md5('letter:' || s.g)::uuid as letter_id,
                   u.unit_id, case when s.outgoing then 'Outgoing' else 'Incoming' end as direction,
                   case when s.outgoing then concat_ws('/', c.code, s.seq, u.unit_code, s.year)
                        else concat('AG/', s.seq2, '/', u.unit_code, '/', s.year, ' (', c.code, '/', s.seq, '/', u.other_code, '/', s.year, ')') end as number,
                   @types[s.ti] as type,
                   case when u.secret then null else t.subject end as subject,
                   case when u.secret then null else t.subject || '. ' || bench.words(s.g, 1000, s.nsum, @common, @rare) || '.' end as summary,
                   case when u.secret then null
                        else @openings[s.oi] || ' ' || @topics[s.pi] || ', ' || bench.words(s.g, 3000, s.nbody, @common, @rare) || '. ' || @closings[s.ci2] end as body,
                   inv.names, c.code, u.security, s.letter_date, inv.involved,
                   (s.letter_date + make_interval(years => c.active))::date as active_until,
                   (s.letter_date + make_interval(years => c.active + c.inactive))::date as inactive_until,
                   c.final, t.created_at
            from (
                select g,
                       bench.u(g, 1) < @dkShare as dk,
                       date '2014-01-01' + floor(power(bench.u(g, 4), 0.8) * (@today - date '2014-01-01'))::int as letter_date,
                       extract(year from date '2014-01-01' + floor(power(bench.u(g, 4), 0.8) * (@today - date '2014-01-01'))::int)::int as year,
                       @classPick[1 + floor(bench.u(g, 5) * cardinality(@classPick))::int] as cls,
                       1 + floor(bench.u(g, 6) * cardinality(@patterns))::int as ti,
                       1 + floor(bench.u(g, 7) * cardinality(@topics))::int as pi,
                       1 + floor(bench.u(g, 17) * cardinality(@openings))::int as oi,
                       1 + floor(bench.u(g, 18) * cardinality(@closings))::int as ci2,
                       bench.u(g, 8) < 0.6 as outgoing,
                       1 + floor(power(bench.u(g, 9), 1.5) * 2500)::int as seq,
                       1 + floor(bench.u(g, 19) * 4000)::int as seq2,
                       2 + floor(bench.u(g, 10) * 3)::int as npos,
                       30 + floor(bench.u(g, 12) * 21)::int as nsum,
                       40 + floor(bench.u(g, 13) * 31)::int as nbody
                from generate_series(@first::bigint, @last::bigint) g
            ) s
            cross join lateral (
                select @classCodes[s.cls] as code, @classActive[s.cls] as active, @classInactive[s.cls] as inactive, @classFinal[s.cls] as final
            ) c
            cross join lateral (
                select case when s.dk then @dkUnitIds[1 + floor(bench.u(s.g, 2) * cardinality(@dkUnitIds))::int]
                            else @unitIds[1 + floor(bench.u(s.g, 2) * cardinality(@unitIds))::int] end as unit_id,
                       case when s.dk then @dkUnitCodes[1 + floor(bench.u(s.g, 2) * cardinality(@dkUnitIds))::int]
                            else @unitCodes[1 + floor(bench.u(s.g, 2) * cardinality(@unitIds))::int] end as unit_code,
                       @unitCodes[1 + floor(bench.u(s.g, 20) * cardinality(@unitIds))::int] as other_code,
                       case when bench.u(s.g, 3) < 0.85 then 'Biasa' when bench.u(s.g, 3) < 0.95 then 'Terbatas'
                            when bench.u(s.g, 3) < 0.99 then 'Rahasia' else 'SangatRahasia' end as security,
                       bench.u(s.g, 3) >= 0.95 as secret
            ) u
            cross join lateral (
                select md5('record:' || s.g) as md,
                       ((s.letter_date + time '08:00' + bench.u(s.g, 16) * interval '9 hours') at time zone 'Asia/Jakarta') as created_at,
                       replace(replace(replace(replace(@patterns[s.ti], '{topic}', @topics[s.pi]),
                           '{n}', (array['I', 'II', 'III', 'IV'])[1 + floor(bench.u(s.g, 14) * 4)::int]),
                           '{h}', (array['I', 'II'])[1 + floor(bench.u(s.g, 15) * 2)::int]),
                           '{year}', s.year::text) as subject
            ) t
            cross join lateral (
                select array_agg(distinct q.pid) as involved, string_agg(distinct q.pname, ' ') as names
                from generate_series(1, s.npos) k
                cross join lateral (
                    select (k = 1 and s.dk) or (k = s.npos and bench.u(s.g, 11) < 0.08) as isdk, bench.u(s.g, 20 + k) as r
                ) p0
                cross join lateral (
                    select case when p0.isdk then @dkPosIds[1 + floor(p0.r * cardinality(@dkPosIds))::int]
                                else @posIds[1 + floor(p0.r * cardinality(@posIds))::int] end as pid,
                           case when p0.isdk then @dkPosNames[1 + floor(p0.r * cardinality(@dkPosIds))::int]
                                else @posNames[1 + floor(p0.r * cardinality(@posIds))::int] end as pname
                ) q
            ) inv
        ) x;
        insert into bench.batches (first, last) values (@first, @last);
        """;

    private readonly BenchHost _host;
    private readonly Dictionary<string, object> _pools;

    private DataGenerator(BenchHost host, Dictionary<string, object> pools, IReadOnlyList<(Guid Id, string Code)> dkUnits, IReadOnlyList<(Guid Id, string Names)> dkPositions)
    {
        _host = host;
        _pools = pools;
        DiskominfoUnits = dkUnits;
        DiskominfoPositions = dkPositions;
    }

    /// <summary>Diskominfo's real units (from the Archive's org chart copy).</summary>
    public IReadOnlyList<(Guid Id, string Code)> DiskominfoUnits { get; }

    /// <summary>Diskominfo's real positions with their names text.</summary>
    public IReadOnlyList<(Guid Id, string Names)> DiskominfoPositions { get; }

    /// <summary>The names of the generated people (for name queries).</summary>
    public IReadOnlyList<string> Holders { get; private set; } = [];

    /// <summary>Builds the pools: the real Diskominfo units and positions from the org chart copy, the rest deterministic.</summary>
    public static async Task<DataGenerator> CreateAsync(BenchHost host)
    {
        await host.ExecuteAsync(Helpers);
        var dkUnits = (await host.QueryAsync<(Guid, string, string)>(
            "select id, code, name from org_units where code like 'DISKOMINFO%' order by code")).ToList();
        if (dkUnits.Count == 0)
        {
            throw new InvalidOperationException("The org chart copy has no DISKOMINFO units.");
        }

        var dkPositions = (await host.QueryAsync<(Guid, string)>(
            """
            select p.id, concat_ws(' ', p.title, h.name, u.name)
            from org_positions p join org_units u on u.id = p.unit_id left join org_users h on h.id = p.holder_user_id
            where u.code like 'DISKOMINFO%' order by p.title
            """)).ToList();

        var random = new Random(20260101);
        var units = Vocabulary.Units;
        var unitIds = units.Select(u => NameGuid("unit:" + u.Code)).ToArray();
        var positionIds = new List<Guid>();
        var positionNames = new List<string>();
        var holders = new List<string>();
        for (var i = 0; i < 800; i++)
        {
            var unit = units[i % units.Length];
            var title = i < units.Length ? HeadTitle(unit.Name) : Vocabulary.FunctionalTitles[random.Next(Vocabulary.FunctionalTitles.Length)];
            var holder = Vocabulary.FirstNames[random.Next(Vocabulary.FirstNames.Length)] + " " + Vocabulary.LastNames[random.Next(Vocabulary.LastNames.Length)];
            positionIds.Add(NameGuid("position:" + i.ToString(CultureInfo.InvariantCulture)));
            positionNames.Add($"{title} {holder} {unit.Name}");
            holders.Add(holder);
        }

        var scheme = await host.Service.Services.GetRequiredService<ClassificationScheme>().LoadAsync(CancellationToken.None);
        var settings = host.Service.Services.GetRequiredService<ArchiveSettings>();
        var classes = Vocabulary.Classifications;
        var rules = classes.Select(c => Retention.RuleFor(c.Code, scheme, settings.DefaultRule)).ToArray();
        if (rules.Any(r => !r.Known))
        {
            throw new InvalidOperationException("A generator classification code is not in the seeded scheme.");
        }

        var common = Vocabulary.Common.Distinct(StringComparer.Ordinal).ToArray();
        var rare = Vocabulary.Rare.Distinct(StringComparer.Ordinal).Except(common, StringComparer.Ordinal)
            .Except(Vocabulary.Topics.SelectMany(t => t.Split(' ')), StringComparer.Ordinal).ToArray();
        var pools = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["dkShare"] = DiskominfoShare,
            ["types"] = Vocabulary.Templates.Select(t => t.Type).ToArray(),
            ["patterns"] = Vocabulary.Templates.Select(t => t.Pattern).ToArray(),
            ["topics"] = Vocabulary.Topics,
            ["openings"] = Vocabulary.Openings,
            ["closings"] = Vocabulary.Closings,
            ["common"] = common,
            ["rare"] = rare,
            ["classPick"] = classes.SelectMany((c, i) => Enumerable.Repeat(i + 1, c.Weight)).ToArray(),
            ["classCodes"] = classes.Select(c => c.Code).ToArray(),
            ["classActive"] = rules.Select(r => r.Rule.ActiveYears).ToArray(),
            ["classInactive"] = rules.Select(r => r.Rule.InactiveYears).ToArray(),
            ["classFinal"] = rules.Select(r => r.Rule.FinalDisposition).ToArray(),
            ["unitIds"] = unitIds,
            ["unitCodes"] = units.Select(u => u.Code).ToArray(),
            ["dkUnitIds"] = dkUnits.Select(u => u.Item1).ToArray(),
            ["dkUnitCodes"] = dkUnits.Select(u => u.Item2).ToArray(),
            ["posIds"] = positionIds.ToArray(),
            ["posNames"] = positionNames.ToArray(),
            ["dkPosIds"] = dkPositions.Select(p => p.Item1).ToArray(),
            ["dkPosNames"] = dkPositions.Select(p => p.Item2).ToArray(),
        };
        return new DataGenerator(host, pools, [.. dkUnits.Select(u => (u.Item1, u.Item2))], dkPositions) { Holders = holders };
    }

    /// <summary>How many records were loaded completely (the batches journal).</summary>
    public async Task<long> LoadedAsync() =>
        await _host.ScalarAsync<long>("select coalesce(sum(last - first + 1), 0)::bigint from bench.batches");

    /// <summary>
    /// Grows the archive to <paramref name="target"/> records: drops the GIN indexes, loads the missing rows
    /// on two connections, rebuilds the indexes (two at a time), then <c>vacuum analyze</c>.
    /// </summary>
    public async Task<LoadResult> LoadAsync(long target, DateOnly today, CancellationToken ct)
    {
        var done = (await _host.QueryAsync<(long First, long Last)>("select first, last from bench.batches order by first")).ToList();
        var missing = Missing(done, target).ToList();
        var from = await LoadedAsync();
        var total = missing.Sum(m => m.Last - m.First + 1);
        Console.WriteLine($"bench: loading {total:N0} records ({from:N0} → {target:N0}) in {missing.Count} batches of up to {BatchSize:N0}");

        foreach (var (name, _) in GinIndexes)
        {
            await _host.ExecuteAsync($"drop index if exists {name}");
        }

        var load = Stopwatch.StartNew();
        var queue = new Queue<(long First, long Last)>(missing);
        long written = 0;
        var gate = new Lock();
        async Task Worker()
        {
            await using var connection = await _host.DataSource.OpenConnectionAsync(ct);
            while (true)
            {
                (long First, long Last) batch;
                lock (gate)
                {
                    if (queue.Count == 0)
                    {
                        return;
                    }

                    batch = queue.Dequeue();
                }

                var p = new DynamicParameters(_pools);
                p.Add("first", batch.First);
                p.Add("last", batch.Last);
                p.Add("today", today);
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    // Commit with no wait for the WAL flush: a lost batch is simply not journaled and is loaded again.
                    await connection.ExecuteAsync(new CommandDefinition("set local synchronous_commit = off", transaction: tx, cancellationToken: ct));
                    await connection.ExecuteAsync(new CommandDefinition(InsertSql, p, tx, commandTimeout: 0, cancellationToken: ct));
                    await tx.CommitAsync(ct);
                }

                long now;
                lock (gate)
                {
                    written += batch.Last - batch.First + 1;
                    now = written;
                }

                var rate = now / Math.Max(load.Elapsed.TotalSeconds, 0.001);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench:   {from + now,12:N0} records  ({now * 100.0 / total,5:F1} % of this step, {rate:N0} rows/s, {load.Elapsed:mm\\:ss} elapsed)"));
            }
        }

        await Task.WhenAll(Worker(), Worker());
        load.Stop();
        var (indexes, wall) = await BuildIndexesAsync(ct);
        var vacuum = Stopwatch.StartNew();
        Console.WriteLine("bench: vacuum analyze records");
        await _host.ExecuteAsync("vacuum analyze records");
        vacuum.Stop();
        return new LoadResult(from, target, load.Elapsed, indexes, wall, vacuum.Elapsed);
    }

    /// <summary>Creates whichever GIN indexes are missing, two at a time (each build is single-threaded); returns each build's time.</summary>
    public async Task<(IReadOnlyList<(string Index, TimeSpan Took)> Builds, TimeSpan Wall)> BuildIndexesAsync(CancellationToken ct)
    {
        var existing = (await _host.QueryAsync<string>("select indexname from pg_indexes where schemaname = 'archive' and tablename = 'records'")).ToHashSet(StringComparer.Ordinal);
        var queue = new Queue<(string Name, string Sql)>(GinIndexes.Where(i => !existing.Contains(i.Name)));
        var results = new List<(string, TimeSpan)>();
        var wall = Stopwatch.StartNew();
        async Task Worker()
        {
            await using var connection = await _host.DataSource.OpenConnectionAsync(ct);
            await connection.ExecuteAsync("set maintenance_work_mem = '1GB'");
            while (true)
            {
                (string Name, string Sql) index;
                lock (results)
                {
                    if (queue.Count == 0)
                    {
                        return;
                    }

                    index = queue.Dequeue();
                }

                Console.WriteLine($"bench: building index {index.Name}");
                var sw = Stopwatch.StartNew();
                await connection.ExecuteAsync(new CommandDefinition(index.Sql, commandTimeout: 0, cancellationToken: ct));
                sw.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: built index {index.Name} in {sw.Elapsed.TotalSeconds:F1} s"));
                lock (results)
                {
                    results.Add((index.Name, sw.Elapsed));
                }
            }
        }

        await Task.WhenAll(Worker(), Worker());
        wall.Stop();
        return ([.. results.OrderBy(r => Array.FindIndex(GinIndexes, g => g.Name == r.Item1))], wall.Elapsed);
    }

    private static IEnumerable<(long First, long Last)> Missing(IReadOnlyList<(long First, long Last)> done, long target)
    {
        var next = 1L;
        foreach (var (first, last) in done.Append((target + 1, target + 1)))
        {
            for (var a = next; a < Math.Min(first, target + 1); a += BatchSize)
            {
                yield return (a, Math.Min(Math.Min(first, target + 1) - 1, a + BatchSize - 1));
            }

            next = Math.Max(next, last + 1);
        }
    }

    private static string HeadTitle(string unitName) =>
        unitName.StartsWith("Sekretariat DPRD", StringComparison.Ordinal) ? "Sekretaris DPRD"
        : unitName.StartsWith("Sekretariat ", StringComparison.Ordinal) ? "Sekretaris " + unitName["Sekretariat ".Length..]
        : unitName.StartsWith("Kecamatan ", StringComparison.Ordinal) ? "Camat " + unitName["Kecamatan ".Length..]
        : unitName.StartsWith("Kelurahan ", StringComparison.Ordinal) ? "Lurah " + unitName["Kelurahan ".Length..]
        : unitName.StartsWith("Inspektur ", StringComparison.Ordinal) ? unitName
        : unitName.StartsWith("Inspektorat ", StringComparison.Ordinal) ? "Inspektur Daerah"
        : unitName.StartsWith("Rumah Sakit", StringComparison.Ordinal) ? "Direktur " + unitName
        : "Kepala " + unitName;

    private static Guid NameGuid(string name)
    {
#pragma warning disable CA5351 // MD5 only derives stable ids for generated rows, not for security.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5351
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
