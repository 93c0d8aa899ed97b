using System.Globalization;

namespace EOffice.Bench;

/// <summary>Command-line options of the suite (one set; each part reads the ones it needs).</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        """
        usage: EOffice.Bench <part> [options]

        parts:
          api        a light endpoint, the inbox and one letter, directly and through the gateway (wrk)
          pipeline   N letters, C at a time, draft to inbox + archive + notification; the database ceiling (pgbench)
          latency    send -> the recipient's live (SSE) event, against the floor (outbox commit + one broker hop)
          footprint  memory (RSS) of every service and the gateway idle and after a pipeline run; Postgres, RabbitMQ
          faults     letters flowing through a broker outage, kill -9 of each service, a Postgres outage, redelivery
          soak       a steady mixed load: memory growth, p99 drift per window, errors
          archive    the Archive search benchmark at 100,000 and 1,000,000 records (its own options follow; see archive --help)
          all        every part above, in that order

        options:
          --out DIR            where the reports go (default $EOFFICE_BENCH_DIR, else .eoffice/bench in the repository)
          --letters N          letters for pipeline, latency and footprint (default 200)
          --concurrency C      letters at a time in pipeline and footprint (default 8)
          --api-seconds S      each wrk measurement (default 10)
          --api-rounds R       direct/gateway alternations per endpoint (default 3)
          --api-connections K  wrk connections (default 16)
          --pgbench-seconds S  the pgbench ceiling run (default 15)
          --outage S           faults: how long the broker and Postgres links stay cut (default 60)
          --soak-seconds S     soak length (default 600)
          --window S           soak: one row of the report per window (default 60)

        Postgres and RabbitMQ come from EOFFICE_TEST_POSTGRES, EOFFICE_TEST_RABBITMQ and
        EOFFICE_TEST_RABBITMQ_MANAGEMENT, as for the tests (./eoffice bench sets them).
        """;

    public static readonly IReadOnlyList<string> Parts = ["api", "pipeline", "latency", "footprint", "faults", "soak", "archive"];

    public string Part { get; init; } = "";

    public string? Out { get; init; }

    public int Letters { get; init; } = 200;

    public int Concurrency { get; init; } = 8;

    public int ApiSeconds { get; init; } = 10;

    public int ApiRounds { get; init; } = 3;

    public int ApiConnections { get; init; } = 16;

    public int PgbenchSeconds { get; init; } = 15;

    public int OutageSeconds { get; init; } = 60;

    public int SoakSeconds { get; init; } = 600;

    public int WindowSeconds { get; init; } = 60;

    /// <summary>Arguments after <c>--</c>, for the Archive benchmark.</summary>
    public IReadOnlyList<string> ArchiveArgs { get; init; } = [];

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for bad ones.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("Name a part.");
        }

        var part = args[0];
        if (part != "all" && !Parts.Contains(part))
        {
            throw new ArgumentException($"Unknown part '{part}'.");
        }

        var o = new BenchOptions { Part = part };
        if (part == "archive")
        {
            // Everything goes to the Archive benchmark as it is (a leading -- is optional).
            return o with { ArchiveArgs = [.. args.Skip(args.Count > 1 && args[1] == "--" ? 2 : 1)] };
        }

        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--":
                    o = o with { ArchiveArgs = [.. args.Skip(i + 1)] };
                    i = args.Count;
                    break;
                case "--out":
                    o = o with { Out = Value() };
                    break;
                case "--letters":
                    o = o with { Letters = Count(Value(), args[i - 1]) };
                    break;
                case "--concurrency":
                    o = o with { Concurrency = Count(Value(), args[i - 1]) };
                    break;
                case "--api-seconds":
                    o = o with { ApiSeconds = Count(Value(), args[i - 1]) };
                    break;
                case "--api-rounds":
                    o = o with { ApiRounds = Count(Value(), args[i - 1]) };
                    break;
                case "--api-connections":
                    o = o with { ApiConnections = Count(Value(), args[i - 1]) };
                    break;
                case "--pgbench-seconds":
                    o = o with { PgbenchSeconds = Count(Value(), args[i - 1]) };
                    break;
                case "--outage":
                    o = o with { OutageSeconds = Count(Value(), args[i - 1]) };
                    break;
                case "--soak-seconds":
                    o = o with { SoakSeconds = Count(Value(), args[i - 1]) };
                    break;
                case "--window":
                    o = o with { WindowSeconds = Count(Value(), args[i - 1]) };
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return o;
    }

    private static int Count(string s, string option)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1 || v > 1_000_000)
        {
            throw new ArgumentException($"{option}: '{s}' is not a positive count.");
        }

        return v;
    }
}
