using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using EOffice.Archive.Records;
using EOffice.Archive.Search;
using EOffice.Contracts;

namespace EOffice.Archive.Bench;

/// <summary>One way of asking: the API's query string and the filter the service turns it into.</summary>
internal sealed record QueryVariant(string Url, RecordFilter Filter, string? Label = null)
{
    /// <summary>The query string as a reader would write it (unit codes for unit ids).</summary>
    public string Shown => Label ?? Uri.UnescapeDataString(Url);
}

/// <summary>A kind of query, with a few variants that the iterations rotate through.</summary>
internal sealed record QueryCase(string Name, string Shown, IReadOnlyList<QueryVariant> Variants, bool DueList = false);

/// <summary>Latency figures in milliseconds.</summary>
internal sealed record Latency(double P50, double P95, double P99, double Mean, double Max)
{
    public static Latency Of(List<double> ms)
    {
        ms.Sort();
        double At(double p) => ms[Math.Clamp((int)Math.Ceiling(p / 100 * ms.Count) - 1, 0, ms.Count - 1)];
        return new Latency(At(50), At(95), At(99), ms.Average(), ms[^1]);
    }
}

/// <summary>The figures of one query kind at one size.</summary>
internal sealed record CaseResult(string Name, string Shown, Latency Api, Latency Sql, int Rows, long Matches, bool Same, int Iterations);

/// <summary>Times the typical archive queries through the HTTP API and as the same SQL run directly.</summary>
internal static class SearchBench
{
    private static readonly CompositeFormat Explain = CompositeFormat.Parse("explain (analyze, buffers, settings) {0}");

    /// <summary>The query kinds: an archivist of Diskominfo looking through the archive.</summary>
    public static async Task<IReadOnlyList<QueryCase>> CasesAsync(BenchHost host, DataGenerator gen)
    {
        var dk = gen.DiskominfoUnits.Select(u => u.Id).ToArray();
        var numbers = await host.QueryAsync<string>(
            """
            select number from records tablesample system (5) repeatable (42)
            where unit_id = any(@dk) and direction = 'Outgoing' and security = 'Biasa' limit 10
            """, new { dk });
        var aptika = gen.DiskominfoUnits.First(u => u.Code == "DISKOMINFO-APTIKA").Id;
        var rare = Vocabulary.Rare.Distinct(StringComparer.Ordinal).Except(Vocabulary.Common, StringComparer.Ordinal)
            .Except(Vocabulary.Topics.SelectMany(t => t.Split(' ')), StringComparer.Ordinal).ToArray()[^5..];
        string[] common = ["pegawai", "anggaran", "laporan", "kegiatan", "pelayanan"];
        string[] phrases = ["\"rapat koordinasi\"", "\"surat edaran\"", "\"bimbingan teknis\"", "\"tindak lanjut\"", "\"serah terima\""];
        string[] partial = ["800.1.11/12", "000.1.2/34", "900.1/5", "800.2/77", "000.9/21"];
        string[] names = [gen.Holders[100], gen.Holders[200], gen.Holders[300], gen.Holders[400], "Lina Marlina"];
        var from = new DateOnly(2020, 1, 1);
        var to = new DateOnly(2024, 12, 31);

        static QueryVariant Q(string q) => new("/api/records?q=" + Uri.EscapeDataString(q), new RecordFilter(q, null, null, null, null, null, null));

        return
        [
            new("word (common)", "q=pegawai", [.. common.Select(Q)]),
            new("word (rarer)", "q=" + rare[0], [.. rare.Select(Q)]),
            new("phrase", "q=\"rapat koordinasi\"", [.. phrases.Select(Q)]),
            new("letter number (exact)", "q=" + (numbers.Count > 0 ? numbers[0] : "-"), [.. numbers.Select(Q)]),
            new("letter number (part)", "q=800.1.11/12", [.. partial.Select(Q)]),
            new("person's name", "q=" + names[0], [.. names.Select(Q)]),
            new("word + filters", "q=pegawai&unitId=<DISKOMINFO-APTIKA>&classification=800&from=2020-01-01&to=2024-12-31",
                [.. common.Select(w => new QueryVariant(
                    $"/api/records?q={Uri.EscapeDataString(w)}&unitId={aptika}&classification=800&from=2020-01-01&to=2024-12-31",
                    new RecordFilter(w, aptika, "800", from, to, null, null),
                    $"/api/records?q={w}&unitId=<DISKOMINFO-APTIKA>&classification=800&from=2020-01-01&to=2024-12-31"))]),
            new("filters only (no q)", "unitId=<Diskominfo unit>&classification=000.1.2&from=2022-01-01&to=2023-12-31",
                [.. gen.DiskominfoUnits.Select(u => new QueryVariant(
                    $"/api/records?unitId={u.Id}&classification=000.1.2&from=2022-01-01&to=2023-12-31",
                    new RecordFilter(null, u.Id, "000.1.2", new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31), null, null),
                    $"/api/records?unitId=<{u.Code}>&classification=000.1.2&from=2022-01-01&to=2023-12-31"))]),
            new("list (no q, no filters)", "(none)", [new QueryVariant("/api/records", new RecordFilter(null, null, null, null, null, null, null))]),
            new("due list", "GET /api/retention/due",
                [new QueryVariant("/api/retention/due", new RecordFilter(null, null, null, null, null, null, RecordStates.DueForDisposal))], DueList: true),
        ];
    }

    /// <summary>Longest warm-up per query.</summary>
    public static readonly TimeSpan WarmupBudget = TimeSpan.FromSeconds(15);

    /// <summary>Longest timed part per query: a slow query gets fewer iterations (at least <see cref="MinIterations"/>); the report says how many.</summary>
    public static readonly TimeSpan TimedBudget = TimeSpan.FromSeconds(60);

    public const int MinIterations = 20;

    /// <summary>Runs every case: warm-up, then the timed iterations alternating API and SQL; also counts matches and keeps the plans.</summary>
    public static async Task<IReadOnlyList<CaseResult>> RunAsync(BenchHost host, IReadOnlyList<QueryCase> cases, int warmup, int iterations,
        StringBuilder plans, CancellationToken ct)
    {
        var token = await host.SignInAsync(BenchHost.Archivist);
        using var client = host.ArchiveClient(token);
        var scope = await host.ScopeOfAsync(token);
        var results = new List<CaseResult>();
        foreach (var c in cases)
        {
            var s = c.DueList ? scope with { Positions = [], SecretariatUnits = [] } : scope;
            var budget = Stopwatch.StartNew();
            for (var i = 0; i < Math.Max(warmup, c.Variants.Count) && (i < c.Variants.Count || budget.Elapsed < WarmupBudget); i++)
            {
                var v = c.Variants[i % c.Variants.Count];
                await ApiAsync(client, v.Url, ct);
                await DirectSearch.SearchAsync(host.DataSource, v.Filter, s, ct);
            }

            var api = new List<double>(iterations);
            var sql = new List<double>(iterations);
            budget.Restart();
            for (var i = 0; i < iterations && (i < MinIterations || budget.Elapsed < TimedBudget); i++)
            {
                // Each variant runs both ways back to back; which way goes first alternates, so neither always finds the other's pages cached.
                var v = c.Variants[i % c.Variants.Count];
                for (var way = 0; way < 2; way++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    if ((way + i) % 2 == 0)
                    {
                        await ApiAsync(client, v.Url, ct);
                        api.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }
                    else
                    {
                        await DirectSearch.SearchAsync(host.DataSource, v.Filter, s, ct);
                        sql.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }
                }
            }

            // The first variant: same rows both ways, how many records match in all, and its plan.
            var first = c.Variants[0];
            var body = await ApiAsync(client, first.Url, ct);
            var apiIds = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
            var sqlIds = (await DirectSearch.SearchAsync(host.DataSource, first.Filter, s, ct)).Take(50).Select(r => r.Id).ToList();
            var count = string.IsNullOrWhiteSpace(first.Filter.Q) ? DirectSearch.CountListSql : DirectSearch.CountRankedSql;
            long matches;
            await using (var connection = await host.DataSource.OpenConnectionAsync(ct))
            {
                var (text, parameters) = await DirectSearch.CommandAsync(connection, first.Filter, s, ct);
                matches = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, parameters, commandTimeout: 0, cancellationToken: ct));
                var plan = (await connection.QueryAsync<string>(new CommandDefinition(
                    string.Format(CultureInfo.InvariantCulture, Explain, text), parameters, commandTimeout: 0, cancellationToken: ct))).ToList();
                plans.AppendLine(CultureInfo.InvariantCulture, $"### {c.Name}: {first.Url}").AppendLine().AppendLine("```");
                plans.AppendJoin('\n', plan).AppendLine().AppendLine("```").AppendLine();
            }

            var result = new CaseResult(c.Name, c.Shown, Latency.Of(api), Latency.Of(sql), apiIds.Count, matches, apiIds.SequenceEqual(sqlIds), api.Count);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench:   {c.Name,-26} API p50 {result.Api.P50,7:F1} p95 {result.Api.P95,7:F1} p99 {result.Api.P99,7:F1} ms | " +
                $"SQL p50 {result.Sql.P50,7:F1} p95 {result.Sql.P95,7:F1} p99 {result.Sql.P99,7:F1} ms | {matches,9:N0} match, n={api.Count}{(result.Same ? "" : "  (API and SQL rows differ!)")}"));
        }

        return results;
    }

    private static async Task<byte[]> ApiAsync(HttpClient client, string url, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        return body;
    }
}
