namespace EOffice.ServiceDefaults.Time;

/// <summary>
/// The city's calendar and wall clock (its <see cref="CityZone"/>: WIB, UTC+7, unless <c>City:TimeZone</c> says WITA or WIT), over <see cref="TimeProvider"/> so tests can move time. Every
/// "today" (acting periods, agenda years, due dates, retention) and every time shown to people comes from here,
/// never from the database's <c>current_date</c> (the server's zone, usually UTC: between 00:00 and 07:00 WIB it is
/// still yesterday there) nor from an offset written out at the call site.
/// </summary>
public sealed class CityClock(TimeProvider time)
{
    /// <summary>The city's offset from UTC (<see cref="CityZone.Current"/>; Indonesia's zones have no daylight saving).</summary>
    public static TimeSpan Offset => CityZone.Current.Offset;

    /// <summary>The zone's name as written after a time: <c>WIB</c>, <c>WITA</c> or <c>WIT</c>.</summary>
    public static string ZoneName => CityZone.Current.Name;

    /// <summary>Now, in the city.</summary>
    public DateTimeOffset Now => time.GetUtcNow().ToOffset(Offset);

    /// <summary>Today's date in the city.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>An instant as the city's clocks show it.</summary>
    public static DateTimeOffset InCity(DateTimeOffset at) => at.ToOffset(Offset);
}
