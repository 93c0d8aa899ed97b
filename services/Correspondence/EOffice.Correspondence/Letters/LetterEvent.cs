using System.Text.Json;
using System.Text.RegularExpressions;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Text;

namespace EOffice.Correspondence.Letters;

/// <summary>
/// The event a Surat Undangan invites to: the day, start time (and end time, or "selesai"), place and
/// agenda. Times are <c>HH:mm</c> in WIB.
/// </summary>
public sealed record LetterEvent(DateOnly? Date, string? StartTime, string? EndTime, string? Place, string? Agenda);

/// <summary>The rules of an invitation's event, as plain checks (no I/O).</summary>
public static partial class EventRules
{
    /// <summary>The document type that carries an event.</summary>
    public const string InvitationType = "Surat Undangan";

    /// <summary>
    /// A Surat Undangan needs its event (date, start time, place; end time after the start); other types carry none.
    /// Returns the event as stored (times as <c>HH:mm</c>), or null.
    /// </summary>
    public static LetterEvent? Check(FieldErrors errors, string? type, LetterEvent? e)
    {
        if (type != InvitationType)
        {
            errors.Check(e is null, "event", "Only a Surat Undangan carries an event.");
            return null;
        }

        if (e is null)
        {
            errors.Add("event", "Required for a Surat Undangan: { date, startTime, endTime?, place, agenda? }.");
            return null;
        }

        errors.Check(e.Date is not null, "event.date", "Required.");
        errors.Check(e.Date is null || e.Date >= LetterRules.EarliestDate, "event.date", "Not a real date.");
        var start = Time(e.StartTime);
        var end = Time(e.EndTime);
        errors.Check(start is not null, "event.startTime", string.IsNullOrWhiteSpace(e.StartTime) ? "Required." : "A time such as 09:00.");
        errors.Check(string.IsNullOrWhiteSpace(e.EndTime) || end is not null, "event.endTime", "A time such as 11:30.");
        errors.Check(start is null || end is null || string.CompareOrdinal(end, start) > 0, "event.endTime", "After the start time.");
        errors.Required("event.place", e.Place, 500);
        errors.Check(e.Agenda is null || e.Agenda.Length <= 2000, "event.agenda", "At most 2000 characters.");
        return new LetterEvent(e.Date, start, end, e.Place?.Trim(), string.IsNullOrWhiteSpace(e.Agenda) ? null : e.Agenda.Trim());
    }

    /// <summary>The event as stored (jsonb), or null.</summary>
    public static string? ToJson(LetterEvent? e) => e is null ? null : JsonSerializer.Serialize(e, JsonSerializerOptions.Web);

    /// <summary>The stored event, or null.</summary>
    public static LetterEvent? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<LetterEvent>(json, JsonSerializerOptions.Web);

    /// <summary>
    /// The event as an invitation prints it (Permendagri 1/2023): <c>hari, tanggal: Rabu, 2 Desember 2026</c>,
    /// <c>pukul: 09.00 WIB s.d. selesai</c> (or <c>09.00 s.d. 11.00 WIB</c>), <c>tempat</c>, <c>acara</c>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Lines(LetterEvent e)
    {
        var start = (e.StartTime ?? "").Replace(':', '.');
        var zone = Indonesian.Zone;
        var time = e.EndTime is { } end ? $"{start} s.d. {end.Replace(':', '.')} {zone}" : $"{start} {zone} s.d. selesai";
        var lines = new List<KeyValuePair<string, string>>
        {
            new("hari, tanggal", e.Date is { } d ? Indonesian.DayDate(d) : ""),
            new("pukul", time),
            new("tempat", e.Place ?? ""),
        };
        if (!string.IsNullOrWhiteSpace(e.Agenda))
        {
            lines.Add(new("acara", e.Agenda));
        }

        return lines;
    }

    // "09:00" or "09.00" as "09:00"; null when blank or not a time of day.
    private static string? Time(string? text) =>
        text is not null && TimeFormat().Match(text.Trim()) is { Success: true } m ? $"{m.Groups[1].Value.PadLeft(2, '0')}:{m.Groups[2].Value}" : null;

    [GeneratedRegex(@"^([01]?\d|2[0-3])[:.]([0-5]\d)$")]
    private static partial Regex TimeFormat();
}
