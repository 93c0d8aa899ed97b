using System.Globalization;
using System.Text;

namespace EOffice.Archive.Bench;

/// <summary>The figures at one archive size.</summary>
internal sealed record SizeResult(long Size, LoadResult? Load, string TableSize, string IndexSizes, IReadOnlyList<CaseResult> Cases, LifecycleResult? Lifecycle);

/// <summary>A table printed aligned to the console or as Markdown.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Align every column left (text) instead of numbers right.</summary>
    public bool LeftAligned { get; init; }

    public Table Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        sb.Append('|').AppendJoin('|', headers.Select((h, i) => i == 0 || LeftAligned ? "---" : "---:")).AppendLine("|");
        foreach (var r in _rows)
        {
            sb.Append("| ").AppendJoin(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        return sb.ToString();
    }

    public string Text()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            sb.AppendJoin("  ", cells.Select((c, i) => i == 0 || LeftAligned ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).AppendLine();
        Line(headers);
        sb.AppendJoin("  ", widths.Select(w => new string('-', w))).AppendLine();
        foreach (var r in _rows)
        {
            Line(r);
        }

        return sb.ToString();
    }
}

/// <summary>Writes the results: readable tables for the console and the same figures as Markdown.</summary>
internal static class Report
{
    public static string F(double v) => v.ToString(v < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    public static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    public static string S(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    public static Table Latencies(SizeResult s)
    {
        var t = new Table("query", "matches", "API p50", "API p95", "API p99", "API mean", "SQL p50", "SQL p95", "SQL p99", "SQL mean", "rows", "n");
        foreach (var c in s.Cases)
        {
            t.Add(c.Name, N(c.Matches), F(c.Api.P50), F(c.Api.P95), F(c.Api.P99), F(c.Api.Mean), F(c.Sql.P50), F(c.Sql.P95), F(c.Sql.P99), F(c.Sql.Mean),
                c.Rows.ToString(CultureInfo.InvariantCulture) + (c.Same ? "" : " (differ)"), c.Iterations.ToString(CultureInfo.InvariantCulture));
        }

        return t;
    }

    public static Table Loads(IReadOnlyList<SizeResult> sizes)
    {
        var t = new Table("size", "rows loaded", "load", "rows/s", "records_doc", "records_search", "records_names_trgm", "records_number_trgm", "records_involved",
            "indexes (wall, 2 at a time)", "vacuum analyze", "table (with TOAST)", "indexes");
        foreach (var s in sizes)
        {
            if (s.Load is not { } l)
            {
                t.Add(N(s.Size), "0 (reused)", "-", "-", "-", "-", "-", "-", "-", "-", "-", s.TableSize, s.IndexSizes);
                continue;
            }

            string Ix(string name) => l.Indexes.FirstOrDefault(i => i.Index == name) is { Index: not null } i ? S(i.Took) : "-";
            var rows = l.To - l.From;
            t.Add(N(s.Size), N(rows), S(l.Load), N((long)(rows / Math.Max(l.Load.TotalSeconds, 0.001))), Ix("records_doc"), Ix("records_search"), Ix("records_names_trgm"),
                Ix("records_number_trgm"), Ix("records_involved"), S(l.IndexWall), S(l.Vacuum), s.TableSize, s.IndexSizes);
        }

        return t;
    }

    public static Table Growth(IReadOnlyList<SizeResult> all)
    {
        var sizes = all.Where(s => s.Cases.Count > 0).ToList();
        var headers = new List<string> { "query" };
        headers.AddRange(sizes.Select(s => "API p95 @" + Short(s.Size)));
        headers.AddRange(sizes.Select(s => "SQL p95 @" + Short(s.Size)));
        headers.Add($"SQL p95 growth (archive ×{(double)sizes[^1].Size / sizes[0].Size:0.#})");
        var t = new Table([.. headers]);
        foreach (var name in sizes[0].Cases.Select(c => c.Name))
        {
            var row = new List<string> { name };
            var cases = sizes.Select(s => s.Cases.First(c => c.Name == name)).ToList();
            row.AddRange(cases.Select(c => F(c.Api.P95)));
            row.AddRange(cases.Select(c => F(c.Sql.P95)));
            row.Add("×" + (cases[^1].Sql.P95 / cases[0].Sql.P95).ToString("0.0#", CultureInfo.InvariantCulture));
            t.Add([.. row]);
        }

        return t;
    }

    public static Table Lifecycle(IReadOnlyList<SizeResult> sizes)
    {
        var t = new Table("size", "made due", "made inactive", "moved to DueForDisposal", "moved to Inactive", "RunOnceAsync", "records/s", "outbox events", "relay published them in");
        foreach (var s in sizes.Where(s => s.Lifecycle is not null))
        {
            var l = s.Lifecycle!;
            t.Add(N(s.Size), N(l.ShiftedDue), N(l.ShiftedInactive), N(l.Due), N(l.Inactive), S(l.Took), N((long)((l.Due + l.Inactive) / Math.Max(l.Took.TotalSeconds, 0.001))),
                N(l.Events), l.Drained is { } d ? S(d) : $"> {LifecycleBench.DrainBudget.TotalMinutes:F0} min (rest dropped)");
        }

        return t;
    }

    public static string Short(long n) => n >= 1_000_000 && n % 1_000_000 == 0 ? $"{n / 1_000_000}M" : n >= 1000 && n % 1000 == 0 ? $"{n / 1000}k" : N(n);

    public static string Markdown(BenchOptions o, IReadOnlyList<string> machine, IReadOnlyList<SizeResult> sizes, IReadOnlyList<QueryCase> cases,
        IReadOnlyList<string> notes, string commandLine)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Archive search benchmark").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `tests/EOffice.Archive.Bench` (`{commandLine}`).");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Each query: {o.Warmup} warm-up runs, then {o.Iterations} timed runs through the HTTP API and {o.Iterations} of the same SQL run directly, in pairs (which way goes first alternates); latencies in ms.")
            .AppendLine();
        sb.AppendLine("## Machine").AppendLine();
        foreach (var m in machine)
        {
            sb.AppendLine("- " + m);
        }

        sb.AppendLine().AppendLine("## Data set and load").AppendLine().Append(Loads(sizes).Markdown()).AppendLine();
        foreach (var s in sizes.Where(s => s.Cases.Count > 0))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"## Search latency at {N(s.Size)} records (ms)").AppendLine().Append(Latencies(s).Markdown()).AppendLine();
        }

        if (sizes.Count(s => s.Cases.Count > 0) > 1)
        {
            sb.AppendLine("## How latency grows with the archive (p95, ms)").AppendLine().Append(Growth(sizes).Markdown()).AppendLine();
        }

        if (sizes.Any(s => s.Lifecycle is not null))
        {
            sb.AppendLine("## Lifecycle job").AppendLine().Append(Lifecycle(sizes).Markdown()).AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"`LifecycleJob.RunOnceAsync` of the service on the whole archive (batches of {sizes.First(s => s.Lifecycle is not null).Lifecycle!.BatchSize:N0}, one outbox event per record made due), after the retention dates of ~10 % of the records were moved into the past (and ~5 % more past their active period); the dates and states are restored afterwards. *moved to Inactive* also counts records made due that a batch first moved to Inactive (the job's Active → Inactive update runs in each batch before their due batch comes); *relay published them in*: how long after the job the outbox relay needed for the rest of the events (it publishes while the job runs).")
                .AppendLine();
        }

        sb.AppendLine("## Queries").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"As Diskominfo's archivist (`agus.salim@eoffice.local`): the API through the Archive's TestServer client with a bearer token from Directory; SQL: the text of `RecordSearch` with the scope `RecordScope.OfAsync` computes for the same caller, through Npgsql. The iterations rotate through the variants. *matches*: records the first variant matches that the archivist may see (the ranked query ranks the 1,000 most recent of them); *rows*: items on the first page (API and SQL return the same rows, else marked); *n*: timed runs per way (fewer than asked when a query needs more than {SearchBench.TimedBudget.TotalSeconds:F0} s for them).").AppendLine();
        var qt = new Table("query", "variants") { LeftAligned = true };
        foreach (var c in cases)
        {
            qt.Add(c.Name, string.Join("; ", c.Variants.Select(v => "`" + v.Shown + "`")));
        }

        sb.Append(qt.Markdown()).AppendLine();
        if (notes.Count > 0)
        {
            sb.AppendLine("## Notes").AppendLine();
            foreach (var n in notes)
            {
                sb.AppendLine("- " + n);
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
