using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace EOffice.ServiceDefaults.Telemetry;

/// <summary>
/// How database statements appear in traces: each span named by what the statement does (<c>insert outbox</c>,
/// <c>update letters</c>), and only inside work that is traced (a request, a consumed message, an outbox publish):
/// the statements of background loops polling on their own (the outbox relay's look for unsent rows, clean-ups) would
/// otherwise each be a trace of one span, several a second per service.
/// </summary>
public static partial class SqlSpans
{
    /// <summary>Applies the naming and the filter to a data source's tracing.</summary>
    public static void Configure(NpgsqlTracingOptionsBuilder tracing)
    {
        tracing.ConfigureCommandFilter(_ => Activity.Current is not null);
        tracing.ConfigureBatchFilter(_ => Activity.Current is not null);
        tracing.ConfigureCommandSpanNameProvider(command => Name(command.CommandText));
        tracing.ConfigureBatchSpanNameProvider(batch => batch.BatchCommands.Count > 0 ? Name(batch.BatchCommands[0].CommandText) : "postgresql");
    }

    /// <summary>
    /// The verb of the statement and the first table it works on (<c>select letters</c>, <c>insert outbox</c>,
    /// <c>delete inbox</c>); the verb alone when there is no table (<c>select</c>); <c>postgresql</c> for no text.
    /// </summary>
    public static string Name(string? sql)
    {
        var match = sql is null ? null : Statement().Match(sql);
        if (match is null || !match.Success)
        {
            return "postgresql";
        }

        var verb = match.Groups["verb"].Value.ToLowerInvariant();
        var rest = sql![(match.Index + match.Length)..];
        var table = verb switch
        {
            "insert" => Into().Match(rest),
            "update" => Leading().Match(rest),
            "delete" => From().Match(rest),
            "select" or "with" => From().Match(rest),
            _ => Match.Empty,
        };
        return table.Success ? $"{verb} {table.Groups["table"].Value.Replace("\"", "", StringComparison.Ordinal)}" : verb;
    }

    // The first word of the text, after white space and comments.
    [GeneratedRegex(@"\A(?:\s+|--[^\n]*\n?|/\*.*?\*/)*(?<verb>[A-Za-z]+)", RegexOptions.Singleline)]
    private static partial Regex Statement();

    [GeneratedRegex(@"\A\s+into\s+(?<table>""?[A-Za-z_][\w$.""]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Into();

    [GeneratedRegex(@"\A\s+(?:only\s+)?(?<table>""?[A-Za-z_][\w$.""]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Leading();

    [GeneratedRegex(@"\bfrom\s+(?:only\s+)?(?<table>""?[A-Za-z_][\w$.""]*)", RegexOptions.IgnoreCase)]
    private static partial Regex From();
}
