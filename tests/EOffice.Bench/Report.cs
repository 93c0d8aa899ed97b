using System.Globalization;
using System.Text;

namespace EOffice.Bench;

/// <summary>One part's Markdown report: a title, the machine, sections of text and tables; also the console summary.</summary>
internal sealed class Report(string part, string title)
{
    private readonly StringBuilder _body = new();
    private readonly List<string> _summary = [];

    public string Part { get; } = part;

    public string Title { get; } = title;

    public Report Text(string paragraph)
    {
        _body.AppendLine(paragraph).AppendLine();
        return this;
    }

    public Report Heading(string heading)
    {
        _body.AppendLine("## " + heading).AppendLine();
        return this;
    }

    public Report Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append(Markdown(header, rows)).AppendLine();
        return this;
    }

    /// <summary>A line for the console summary (and the report's summary list).</summary>
    public Report Summary(string line)
    {
        _summary.Add(line);
        return this;
    }

    public IReadOnlyList<string> SummaryLines => _summary;

    /// <summary>Writes <c>&lt;dir&gt;/&lt;part&gt;.md</c> and prints the summary; returns the file.</summary>
    public async Task<string> WriteAsync(string directory, Machine machine, string command)
    {
        System.IO.Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, Part + ".md");
        var text = new StringBuilder()
            .AppendLine("# " + Title).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}`.").AppendLine()
            .AppendLine("## Summary").AppendLine();
        foreach (var line in _summary)
        {
            text.AppendLine("- " + line);
        }

        text.AppendLine().AppendLine("## Machine").AppendLine();
        foreach (var line in machine.Lines)
        {
            text.AppendLine("- " + line);
        }

        text.AppendLine().Append(_body);
        await File.WriteAllTextAsync(file, text.ToString());
        Console.WriteLine();
        Console.WriteLine($"== {Title} ==");
        foreach (var line in _summary)
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine($"  report: {file}");
        return file;
    }

    public static string Markdown(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", header) + " |");
        sb.AppendLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? " --- " : " ---: ")) + "|");
        foreach (var row in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return sb.ToString();
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : ms < 100 ? "F1" : "F0", CultureInfo.InvariantCulture);

    public static string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);

    public static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
}

/// <summary>Percentiles of a set of samples (nearest rank).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 50);
}
