using EOffice.Org.Reports;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Disposition.Reports;

/// <summary>
/// Dispositions to one unit (by the unit of the position they were sent to, as the org chart is now): still open,
/// completed, open past their due time (overdue), completed after it (late), and the median hours from sending to
/// completion. A null <see cref="UnitId"/> is the total of every unit in the report.
/// </summary>
public sealed record UnitDispositions(Guid? UnitId, string? Code, string? Name, long Open, long Completed, long Overdue, long CompletedLate, double? MedianHours);

/// <summary>An overdue disposition, for the drill-down (<c>overdue=true</c>). The subject only of a letter below Rahasia.</summary>
public sealed record OverdueDisposition(Guid Id, Guid LetterId, string? AgendaNumber, string? Number, string? Subject, string? Security,
    Guid ToPositionId, string? ToTitle, string? ToHolder, Guid? UnitId, string? UnitName, string Status, DateTimeOffset CreatedAt, DateTimeOffset DueAt, double HoursOverdue);

/// <summary><c>GET /api/reports/dispositions</c>: per unit, the total, and with <c>overdue=true</c> the overdue ones (at most <see cref="DispositionReports.MaxOverdue"/>, most overdue first).</summary>
public sealed record DispositionReport(DateOnly From, DateOnly To, Guid? UnitId, UnitDispositions Total, IReadOnlyList<UnitDispositions> Units,
    IReadOnlyList<OverdueDisposition>? Overdue);

/// <summary>Disposition's report, in SQL over the dispositions sent in the period (cancelled ones left out).</summary>
public sealed class DispositionReports(Db db, ReportScopes scopes, CityClock city, TimeProvider clock)
{
    /// <summary>The most overdue dispositions a drill-down lists.</summary>
    public const int MaxOverdue = 500;

    /// <summary>The report for the caller's scope; <paramref name="overdue"/> adds the overdue list (not for an admin: it names letters).</summary>
    public async Task<DispositionReport> ReportAsync(string? from, string? to, string? unitId, string? overdue, Caller caller, CancellationToken ct)
    {
        var period = ReportRules.Period(from, to, city.Today);
        var unit = ReportRules.UnitId(unitId);
        var withOverdue = overdue?.Trim().ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => throw ProblemException.Invalid("overdue", "Isi true atau false."),
        };
        var scope = await scopes.ForAsync(caller, unit, ct);
        if (withOverdue)
        {
            scope.RequireContent("daftar disposisi terlambat");
        }

        var args = new { start = period.Start, end = period.End, all = scope.All, units = scope.UnitArray, now = clock.GetUtcNow(), max = MaxOverdue };
        var rows = await db.QueryAsync<UnitRow>(
            """
            select p.unit_id, grouping(p.unit_id) = 1 as is_total,
                   count(*) filter (where d.status not in ('Completed', 'Cancelled')) as open,
                   count(*) filter (where d.status = 'Completed') as completed,
                   count(*) filter (where d.status not in ('Completed', 'Cancelled') and d.due_at < @now) as overdue,
                   count(*) filter (where d.status = 'Completed' and (d.late or d.completed_at > d.due_at)) as completed_late,
                   percentile_cont(0.5) within group (order by extract(epoch from d.completed_at - d.created_at) / 3600.0)
                       filter (where d.status = 'Completed') as median_hours
            from dispositions d
            join org_positions p on p.id = d.to_position_id
            where d.created_at >= @start and d.created_at < @end and d.status <> 'Cancelled'
              and (@all or p.unit_id = any(@units))
            group by grouping sets ((p.unit_id), ())
            """, args, ct);
        var names = await scopes.NamesAsync(rows.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value), ct);
        UnitDispositions View(UnitRow r) => new(
            r.IsTotal ? null : r.UnitId,
            !r.IsTotal && r.UnitId is { } id && names.TryGetValue(id, out var n) ? n.Code : null,
            !r.IsTotal && r.UnitId is { } id2 && names.TryGetValue(id2, out var n2) ? n2.Name : null,
            r.Open, r.Completed, r.Overdue, r.CompletedLate, r.MedianHours is { } h ? Math.Round(h, 1) : null);
        var total = rows.FirstOrDefault(r => r.IsTotal) is { } t ? View(t) : new UnitDispositions(null, null, null, 0, 0, 0, 0, null);
        var units = rows.Where(r => !r.IsTotal).Select(View).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();

        IReadOnlyList<OverdueDisposition>? list = null;
        if (withOverdue)
        {
            list = (await db.QueryAsync<OverdueRow>(
                """
                select d.id, d.letter_id, r.agenda_number, r.number,
                       case when r.security in ('Biasa', 'Terbatas') then coalesce(r.subject, s.subject) end as subject, r.security,
                       d.to_position_id, p.title as to_title, h.name as to_holder, p.unit_id, u.name as unit_name, d.status,
                       d.created_at, d.due_at, round((extract(epoch from @now - d.due_at) / 3600.0)::numeric, 1)::float8 as hours_overdue
                from dispositions d
                join org_positions p on p.id = d.to_position_id
                left join org_units u on u.id = p.unit_id
                left join org_users h on h.id = p.holder_user_id
                left join lateral (
                    select agenda_number, number, subject, security from letter_receipts x where x.letter_id = d.letter_id order by x.received_at limit 1
                ) r on true
                left join letter_subjects s on s.letter_id = d.letter_id
                where d.created_at >= @start and d.created_at < @end
                  and d.status not in ('Completed', 'Cancelled') and d.due_at < @now
                  and (@all or p.unit_id = any(@units))
                order by d.due_at, d.id
                limit @max
                """, args, ct)).Select(r => new OverdueDisposition(r.Id, r.LetterId, r.AgendaNumber, r.Number, r.Subject, r.Security, r.ToPositionId,
                    r.ToTitle, r.ToHolder, r.UnitId, r.UnitName, r.Status, r.CreatedAt, r.DueAt, r.HoursOverdue)).ToList();
        }

        return new DispositionReport(period.From, period.To, unit, total, units, list);
    }

    private sealed class UnitRow
    {
        public Guid? UnitId { get; init; }
        public bool IsTotal { get; init; }
        public long Open { get; init; }
        public long Completed { get; init; }
        public long Overdue { get; init; }
        public long CompletedLate { get; init; }
        public double? MedianHours { get; init; }
    }

    private sealed class OverdueRow
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public string? AgendaNumber { get; init; }
        public string? Number { get; init; }
        public string? Subject { get; init; }
        public string? Security { get; init; }
        public Guid ToPositionId { get; init; }
        public string? ToTitle { get; init; }
        public string? ToHolder { get; init; }
        public Guid? UnitId { get; init; }
        public string? UnitName { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset DueAt { get; init; }
        public double HoursOverdue { get; init; }
    }
}
