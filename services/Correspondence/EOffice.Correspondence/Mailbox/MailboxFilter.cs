using System.Globalization;
using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Correspondence.Mailbox;

/// <summary>
/// The filters of a mailbox folder (API.md "Mailbox filters"), checked: an unknown value is a 400
/// naming its field, never ignored. <c>From</c>/<c>To</c> bound the letter's sort date as whole WIB days
/// (<c>ToExclusive</c> is the start of the day after <c>to</c>).
/// </summary>
public sealed record MailboxFilter(
    string? Q, string? Type, string? Security, string? Urgency, string? Status, DateTimeOffset? From, DateTimeOffset? ToExclusive, bool Unread)
{

    /// <summary>The status values a filter accepts.</summary>
    public static readonly IReadOnlyList<string> Statuses =
        [LetterStatus.Draft, LetterStatus.InReview, LetterStatus.Signed, LetterStatus.Sent, LetterStatus.Received, LetterStatus.Recalled];

    /// <summary>Parses the query values against the known document types.</summary>
    public static MailboxFilter Parse(
        string? q, string? type, string? security, string? urgency, string? status, string? from, string? to, string? unread,
        IReadOnlySet<string> letterTypes)
    {
        var errors = new FieldErrors();
        string? OneOf(string field, string? value, IEnumerable<string> known)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            var list = known.ToList();
            errors.Check(list.Contains(value, StringComparer.Ordinal), field, $"One of: {string.Join(", ", list)}.");
            return value;
        }

        DateOnly? Day(string field, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year > 1 && day.Year < 9999)
            {
                return day;
            }

            errors.Add(field, "A date such as 2026-11-23 (WIB).");
            return null;
        }

        errors.Check(q is null || q.Length <= 200, "q", "At most 200 characters.");
        var t = OneOf("type", type, letterTypes.Order(StringComparer.Ordinal));
        var s = OneOf("security", security, SecurityLevels.All);
        var u = OneOf("urgency", urgency, UrgencyLevels.All);
        var st = OneOf("status", status, Statuses);
        var f = Day("from", from);
        var e = Day("to", to);
        errors.Check(f is null || e is null || f <= e, "to", "Not before from.");
        var onlyUnread = false;
        if (!string.IsNullOrEmpty(unread))
        {
            errors.Check(bool.TryParse(unread, out onlyUnread), "unread", "true or false.");
        }

        errors.ThrowIfAny();
        return new MailboxFilter(string.IsNullOrWhiteSpace(q) ? null : q, t, s, u, st,
            f is { } start ? StartOfDay(start) : null, e is { } end ? StartOfDay(end.AddDays(1)) : null, onlyUnread);
    }

    private static DateTimeOffset StartOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), CityClock.Offset).ToUniversalTime();
}
