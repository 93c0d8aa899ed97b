using System.Globalization;
using EOffice.ServiceDefaults.Time;

namespace EOffice.ServiceDefaults.Text;

/// <summary>
/// How people in the city read dates, times and the official level names: <c>2 Desember 2026</c>,
/// <c>14.30 WIB</c>, <c>Sangat Segera</c>. Written out here because services run with invariant
/// globalization (no ICU culture data).
/// </summary>
public static class Indonesian
{
    /// <summary>The city's offset from UTC (<see cref="CityZone.Current"/>: WIB, UTC+7, unless configured otherwise).</summary>
    public static TimeSpan CityOffset => CityZone.Current.Offset;

    /// <summary>The city's zone as written after a time: <c>WIB</c>, <c>WITA</c> or <c>WIT</c>.</summary>
    public static string Zone => CityZone.Current.Name;

    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

    /// <summary><c>2 Desember 2026</c>.</summary>
    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day} {Months[date.Month - 1]} {date.Year}");

    /// <summary>The day of the week: <c>Rabu</c>.</summary>
    public static string Day(DateOnly date) => Days[(int)date.DayOfWeek];

    /// <summary>The day and date, as an invitation writes them: <c>Rabu, 2 Desember 2026</c>.</summary>
    public static string DayDate(DateOnly date) => $"{Day(date)}, {Date(date)}";

    /// <summary>The date of an instant in WIB: <c>2 Desember 2026</c>.</summary>
    public static string Date(DateTimeOffset at) => Date(DateOnly.FromDateTime(at.ToOffset(CityOffset).DateTime));

    /// <summary>An instant in WIB: <c>2 Desember 2026 14.30 WIB</c>.</summary>
    public static string DateTime(DateTimeOffset at)
    {
        var local = at.ToOffset(CityOffset);
        return string.Create(CultureInfo.InvariantCulture, $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH.mm} {Zone}");
    }

    /// <summary>A security level (sifat) as written on a letter: <c>Sangat Rahasia</c>.</summary>
    public static string Security(string? level) => level switch
    {
        "SangatRahasia" => "Sangat Rahasia",
        null => "",
        _ => level,
    };

    /// <summary>An urgency (derajat kecepatan) as written on a letter: <c>Sangat Segera</c>.</summary>
    public static string Urgency(string? urgency) => urgency switch
    {
        "SangatSegera" => "Sangat Segera",
        null => "",
        _ => urgency,
    };

    /// <summary>A letter's status as users read it: <c>InReview</c> is <c>Verifikasi</c>.</summary>
    public static string LetterStatus(string? status) => status switch
    {
        "Draft" => "Konsep",
        "InReview" => "Verifikasi",
        "Signed" => "Ditandatangani",
        "Sent" => "Terkirim",
        "Received" => "Diterima",
        "Recalled" => "Ditarik kembali",
        null => "",
        _ => status,
    };
}
