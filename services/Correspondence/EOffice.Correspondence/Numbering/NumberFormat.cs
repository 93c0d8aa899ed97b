using System.Globalization;

namespace EOffice.Correspondence.Numbering;

/// <summary>
/// Letter number formats (Permendagri 1/2023). The default for regional government is
/// <c>{classification}/{sequence}/{unitCode}/{year}</c>, e.g. <c>000.1.2/15/DISKOMINFO/2026</c>.
/// Tokens: <c>{classification}</c>, <c>{sequence}</c>, <c>{unitCode}</c>, <c>{year}</c>, <c>{month}</c> (two digits),
/// <c>{romanMonth}</c> (I–XII, common on Indonesian letters).
/// </summary>
public static class NumberFormat
{
    /// <summary>The default format.</summary>
    public const string Default = "{classification}/{sequence}/{unitCode}/{year}";

    /// <summary>The format of incoming letters' agenda numbers.</summary>
    public const string Agenda = "AG/{sequence}/{unitCode}/{year}";

    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    /// <summary>The scope numbers are counted in: the unit and the year.</summary>
    public static string Scope(string kind, Guid unitId, int year) => $"{kind}:{unitId:N}:{year}";

    /// <summary>Whether a format can be used: it has a sequence and only known tokens.</summary>
    public static bool IsValid(string format)
    {
        if (!format.Contains("{sequence}", StringComparison.Ordinal) || format.Length > 120)
        {
            return false;
        }

        var stripped = format;
        foreach (var token in new[] { "{classification}", "{sequence}", "{unitCode}", "{year}", "{month}", "{romanMonth}" })
        {
            stripped = stripped.Replace(token, "", StringComparison.Ordinal);
        }

        return !stripped.Contains('{', StringComparison.Ordinal) && !stripped.Contains('}', StringComparison.Ordinal);
    }

    /// <summary>Formats a number.</summary>
    public static string Apply(string format, string classification, int sequence, string unitCode, DateOnly date) =>
        format
            .Replace("{classification}", classification, StringComparison.Ordinal)
            .Replace("{sequence}", sequence.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{unitCode}", unitCode, StringComparison.Ordinal)
            .Replace("{year}", date.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{month}", date.Month.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{romanMonth}", Roman[date.Month - 1], StringComparison.Ordinal);
}
