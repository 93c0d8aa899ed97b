using System.Globalization;
using EOffice.ServiceDefaults.Text;

namespace EOffice.Web.Services;

/// <summary>Values of date and datetime-local inputs, read as WIB.</summary>
public static class WibInput
{
    /// <summary><c>yyyy-MM-dd</c> → a date; null when empty or not a date.</summary>
    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary><c>yyyy-MM-ddTHH:mm</c> in WIB → an instant; null when empty or not a time.</summary>
    public static DateTimeOffset? Instant(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new DateTimeOffset(t, Indonesian.CityOffset)
            : null;

    /// <summary>An instant as a datetime-local value in WIB.</summary>
    public static string Format(DateTimeOffset at) => at.ToOffset(Indonesian.CityOffset).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
