using System.Globalization;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Text;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Disposition.Dispositions;

/// <summary>Disposition rules as plain C#: due dates, validation, who may do what.</summary>
public static partial class DispositionRules
{
    /// <summary>Priorities.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["Low", "Normal", "High"];

    /// <summary>
    /// The default due time from the letter's urgency: <c>SangatSegera</c> the end of the same day,
    /// <c>Segera</c> 24 hours, <c>Biasa</c> the end of the day <paramref name="workingDays"/> working days
    /// (Monday to Friday) later.
    /// </summary>
    public static DateTimeOffset DefaultDue(string urgency, DateTimeOffset now, int workingDays)
    {
        var local = now.ToOffset(CityClock.Offset);
        DateTimeOffset EndOf(DateTime day) => new DateTimeOffset(day.Date.AddDays(1).AddTicks(-1), CityClock.Offset);
        switch (urgency)
        {
            case UrgencyLevels.SangatSegera:
                return EndOf(local.DateTime);
            case UrgencyLevels.Segera:
                return now.AddHours(24);
            default:
                var day = local.DateTime.Date;
                for (var added = 0; added < workingDays;)
                {
                    day = day.AddDays(1);
                    if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
                    {
                        added++;
                    }
                }

                return EndOf(day);
        }
    }

    /// <summary>The last moment of a day in the city (WIB): what a due date given as a date means.</summary>
    public static DateTimeOffset EndOfCityDay(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(23, 59, 59)).AddTicks(TimeSpan.TicksPerSecond - 10), CityClock.Offset);

    /// <summary>
    /// A due date as written: <c>2026-12-30</c> is the end of that day in WIB; a time with an offset
    /// (<c>Z</c>, <c>+07:00</c>, any other) is that instant; a time without one is WIB. Null when unreadable.
    /// </summary>
    public static DateTimeOffset? ParseDue(string text)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return EndOfCityDay(day);
        }

        if (!text.Contains('T', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || TrailingOffset().IsMatch(text);
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.ToUniversalTime() : null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), CityClock.Offset).ToUniversalTime()
            : null;
    }

    /// <summary>
    /// The due time of a new disposition: the one asked for, else the urgency's default; a forwarded
    /// disposition is never due after the one it comes from (the default is capped at the parent's).
    /// </summary>
    public static DateTimeOffset Due(DateTimeOffset? asked, string urgency, DateTimeOffset now, int workingDays, DateTimeOffset? parentDue)
    {
        if (asked is { } a)
        {
            return a;
        }

        var due = DefaultDue(urgency, now, workingDays);
        return parentDue is { } p && p < due ? p : due;
    }

    /// <summary>Checks a dispose/forward request against the known instruction codes (and the parent's due time).</summary>
    public static void Validate(DisposeRequest r, IReadOnlySet<string> instructions, DateTimeOffset now, DateTimeOffset? parentDue = null)
    {
        var errors = new FieldErrors();
        errors.Check(r.To is { Count: > 0 and <= 50 }, "to", "One to 50 positions.");
        errors.Check(r.To is null || r.To.Distinct().Count() == r.To.Count, "to", "A position appears twice.");
        errors.Check(r.Instructions is { Count: > 0 }, "instructions", "At least one instruction.");
        errors.Check(r.Instructions is null || r.Instructions.All(instructions.Contains), "instructions",
            $"Known instructions: {string.Join(", ", instructions.Order())}.");
        errors.Check(r.Note is null || r.Note.Length <= 2000, "note", "At most 2000 characters.");
        errors.Check(r.DueAt is null || r.DueAt > now, "dueAt", "Must be in the future.");
        errors.Check(r.DueAt is null || parentDue is null || r.DueAt <= parentDue, "dueAt",
            $"No later than the disposition it comes from, which is due {parentDue?.ToOffset(CityClock.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {CityClock.ZoneName}.");
        errors.Check(r.Priority is null || Priorities.Contains(r.Priority), "priority", "Low, Normal or High.");
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Whether a disposition can be completed: not while any disposition forwarded from it is still
    /// open (409 listing them); they must be completed or cancelled first.
    /// </summary>
    public static void RequireChildrenClosed(IReadOnlyList<DispositionRow> children)
    {
        var open = children.Where(c => !DispositionStatus.IsClosed(c.Status)).ToList();
        if (open.Count > 0)
        {
            throw new ProblemException(409, "open-dispositions", "Conflict",
                $"{open.Count} disposition(s) forwarded from this one are still open; they must be completed or cancelled first.",
                new Dictionary<string, string[]> { ["openDispositions"] = open.Select(c => c.Id.ToString()).ToArray() });
        }
    }

    /// <summary>Whether completing now is late (after the due time); kept on the disposition.</summary>
    public static bool IsLate(DateTimeOffset dueAt, DateTimeOffset completedAt) => completedAt > dueAt;

    /// <summary>
    /// Which dispositions of a letter a person sees (DOMAIN.md, need-to-know): every branch they are on —
    /// the dispositions they sent or received, those above them, and everything below those — never a
    /// sibling's branch.
    /// </summary>
    public static IReadOnlySet<Guid> VisibleTo(IReadOnlyCollection<DispositionRow> all, IReadOnlyCollection<Guid> positions)
    {
        var byId = all.ToDictionary(d => d.Id);
        var children = all.Where(d => d.ParentId is not null).ToLookup(d => d.ParentId!.Value);
        var visible = new HashSet<Guid>();
        foreach (var mine in all.Where(d => positions.Contains(d.FromPositionId) || positions.Contains(d.ToPositionId)))
        {
            // Up to the root.
            var up = mine;
            while (true)
            {
                visible.Add(up.Id);
                if (up.ParentId is not { } p || !byId.TryGetValue(p, out var parent))
                {
                    break;
                }

                up = parent;
            }

            // Everything below.
            var stack = new Stack<Guid>([mine.Id]);
            while (stack.TryPop(out var id))
            {
                foreach (var c in children[id])
                {
                    if (visible.Add(c.Id))
                    {
                        stack.Push(c.Id);
                    }
                }
            }
        }

        return visible;
    }

    /// <summary>Whether it is overdue now (derived: past due and not closed).</summary>
    public static bool IsOverdue(DispositionRow d, DateTimeOffset now) => !DispositionStatus.IsClosed(d.Status) && d.DueAt < now;

    [System.Text.RegularExpressions.GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial System.Text.RegularExpressions.Regex TrailingOffset();
}
