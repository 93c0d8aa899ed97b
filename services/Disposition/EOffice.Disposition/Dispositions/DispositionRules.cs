using EOffice.Contracts;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>Disposition rules as plain C#: due dates, validation, who may do what.</summary>
public static class DispositionRules
{
    /// <summary>The city's offset (WIB, UTC+7): "the same day" is the same day in the city.</summary>
    public static readonly TimeSpan CityOffset = TimeSpan.FromHours(7);

    /// <summary>Priorities.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["Low", "Normal", "High"];

    /// <summary>
    /// The default due time from the letter's urgency: <c>SangatSegera</c> the end of the same day,
    /// <c>Segera</c> 24 hours, <c>Biasa</c> the end of the day <paramref name="workingDays"/> working days
    /// (Monday to Friday) later.
    /// </summary>
    public static DateTimeOffset DefaultDue(string urgency, DateTimeOffset now, int workingDays)
    {
        var local = now.ToOffset(CityOffset);
        DateTimeOffset EndOf(DateTime day) => new DateTimeOffset(day.Date.AddDays(1).AddTicks(-1), CityOffset);
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

    /// <summary>Checks a dispose/forward request against the known instruction codes.</summary>
    public static void Validate(DisposeRequest r, IReadOnlySet<string> instructions, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Check(r.To is { Count: > 0 and <= 50 }, "to", "One to 50 positions.");
        errors.Check(r.To is null || r.To.Distinct().Count() == r.To.Count, "to", "A position appears twice.");
        errors.Check(r.Instructions is { Count: > 0 }, "instructions", "At least one instruction.");
        errors.Check(r.Instructions is null || r.Instructions.All(instructions.Contains), "instructions",
            $"Known instructions: {string.Join(", ", instructions.Order())}.");
        errors.Check(r.Note is null || r.Note.Length <= 2000, "note", "At most 2000 characters.");
        errors.Check(r.DueAt is null || r.DueAt > now, "dueAt", "Must be in the future.");
        errors.Check(r.Priority is null || Priorities.Contains(r.Priority), "priority", "Low, Normal or High.");
        errors.ThrowIfAny();
    }

    /// <summary>Whether it is overdue now (derived: past due and not closed).</summary>
    public static bool IsOverdue(DispositionRow d, DateTimeOffset now) => !DispositionStatus.IsClosed(d.Status) && d.DueAt < now;
}
