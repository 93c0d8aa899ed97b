using System.Globalization;

namespace EOffice.Archive.Bench;

/// <summary>Command-line options.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        """
        usage: EOffice.Archive.Bench [options]

          --records N        records in the archive at the end (default 1000000)
          --sizes A,B,...    load in steps and measure at each size (e.g. 100000,1000000); the last is --records
          --iterations K     timed runs per query and way (default 200)
          --warmup W         untimed runs per query and way before timing (default 20)
          --keep             keep the database eoffice_bench for re-runs (default: drop it at the end)
          --fresh            drop eoffice_bench first, even if it could be reused
          --no-lifecycle     skip the lifecycle job
          --no-search        skip the search queries (time only loading and the lifecycle job)
          --database NAME    the scratch database (default eoffice_bench), e.g. to keep a 100k one beside a 1M one
          --out FILE         the Markdown report (default .eoffice/bench/archive-search.md under the repository)

        A database eoffice_bench made by this generator is reused: a run skips loading the records it
        already holds (sizes below that are skipped; use --fresh to measure them).
        Postgres and RabbitMQ come from EOFFICE_TEST_POSTGRES, EOFFICE_TEST_RABBITMQ and
        EOFFICE_TEST_RABBITMQ_MANAGEMENT, as for the tests (./eoffice bench sets them).
        """;

    public long Records { get; init; } = 1_000_000;

    public IReadOnlyList<long> Sizes { get; init; } = [1_000_000];

    public int Iterations { get; init; } = 200;

    public int Warmup { get; init; } = 20;

    public bool Keep { get; init; }

    public bool Fresh { get; init; }

    public bool Lifecycle { get; init; } = true;

    public bool Search { get; init; } = true;

    public string? Out { get; init; }

    public string Database { get; init; } = "eoffice_bench";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for bad ones.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        long? records = null;
        List<long>? sizes = null;
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--records":
                    records = Count(Value(), "--records");
                    break;
                case "--sizes":
                    sizes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Count(s, "--sizes"))];
                    break;
                case "--iterations":
                    o = o with { Iterations = (int)Count(Value(), "--iterations") };
                    break;
                case "--warmup":
                    o = o with { Warmup = (int)Count(Value(), "--warmup", allowZero: true) };
                    break;
                case "--keep":
                    o = o with { Keep = true };
                    break;
                case "--fresh":
                    o = o with { Fresh = true };
                    break;
                case "--no-lifecycle":
                    o = o with { Lifecycle = false };
                    break;
                case "--no-search":
                    o = o with { Search = false };
                    break;
                case "--database":
                    var name = Value();
                    o = o with { Database = name.Length is > 0 and <= 63 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') ? name : throw new ArgumentException($"--database: '{name}' is not a plain database name.") };
                    break;
                case "--out":
                    o = o with { Out = Value() };
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        var n = records ?? (sizes is { Count: > 0 } ? sizes.Max() : 1_000_000);
        var steps = (sizes ?? []).Where(s => s < n).Append(n).Distinct().Order().ToList();
        return o with { Records = n, Sizes = steps };
    }

    private static long Count(string s, string option, bool allowZero = false)
    {
        var text = s.Replace("_", "", StringComparison.Ordinal);
        var factor = 1L;
        if (text.EndsWith('k') || text.EndsWith('K'))
        {
            factor = 1_000;
            text = text[..^1];
        }
        else if (text.EndsWith('m') || text.EndsWith('M'))
        {
            factor = 1_000_000;
            text = text[..^1];
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v * factor < (allowZero ? 0 : 1) || v * factor > 50_000_000)
        {
            throw new ArgumentException($"{option}: '{s}' is not a count.");
        }

        return v * factor;
    }
}
