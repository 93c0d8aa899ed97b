using EOffice.Org.Reports;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Correspondence.Reports;

/// <summary>A count under one key (a type, direction, security level or month).</summary>
public sealed record ReportCount(string Key, long Count);

/// <summary>A count for one unit.</summary>
public sealed record UnitCount(Guid? UnitId, string? Code, string? Name, long Count);

/// <summary>
/// <c>GET /api/reports/letters</c>: letters of the period counted by type, direction (<c>Incoming</c>: surat masuk,
/// <c>Outgoing</c>: to at least one address outside the city, <c>Internal</c>: only to positions and units inside),
/// security, unit and month.
/// </summary>
public sealed record LetterReport(DateOnly From, DateOnly To, Guid? UnitId, long Total, IReadOnlyList<ReportCount> ByType,
    IReadOnlyList<ReportCount> ByDirection, IReadOnlyList<ReportCount> BySecurity, IReadOnlyList<UnitCount> ByUnit, IReadOnlyList<ReportCount> ByMonth);

/// <summary>One entry of the agenda book (buku agenda) of incoming letters.</summary>
public sealed record AgendaEntry(
    Guid LetterId,
    string? AgendaNumber,
    DateTimeOffset ReceivedAt,
    string? SenderInstitution,
    string? SenderNumber,
    DateOnly? SenderDate,
    string? Subject,
    bool SubjectHidden,
    string Security,
    string Urgency,
    string Type,
    string? AddressedTo,
    string? Unit,
    bool Read,
    bool Disposed,
    string Status);

/// <summary><c>GET /api/reports/agenda?format=json</c>: the entries of the period, oldest first.</summary>
public sealed record AgendaReport(DateOnly From, DateOnly To, Guid? UnitId, int Total, IReadOnlyList<AgendaEntry> Entries);

/// <summary>
/// Correspondence's reports, computed in SQL over the letters a caller's report scope covers
/// (<see cref="ReportScopes"/>). A letter counts once it is official — signed, sent or received — on the day it
/// was received (incoming), sent or, not yet sent, signed, in the city's calendar.
/// </summary>
public sealed class LetterReports(Db db, ReportScopes scopes, CityClock city)
{
    // The moment a letter enters the register; letters_report_at (0009_reports.sql) indexes the same expression.
    private const string RegisteredAt = "coalesce(l.received_at, l.sent_at, l.signed_at)";

    /// <summary>Counts of the letters in scope.</summary>
    public async Task<LetterReport> LettersAsync(string? from, string? to, string? unitId, Caller caller, CancellationToken ct)
    {
        var period = ReportRules.Period(from, to, city.Today);
        var unit = ReportRules.UnitId(unitId);
        var scope = await scopes.ForAsync(caller, unit, ct);
        var rows = await db.QueryAsync<CountRow>(
            $"""
            with l as (
                select l.type, l.security, l.unit_id,
                       case when l.direction = 'Incoming' then 'Incoming'
                            when exists (select 1 from letter_recipients r where r.letter_id = l.id and r.external_name is not null) then 'Outgoing'
                            else 'Internal' end as direction,
                       to_char(({RegisteredAt} at time zone 'UTC') + make_interval(mins => @offsetMinutes), 'YYYY-MM') as month
                from letters l
                where l.status in ('Signed', 'Sent', 'Received')
                  and {RegisteredAt} >= @start and {RegisteredAt} < @end
                  and (@all or l.unit_id = any(@units))
            )
            select grouping(type, direction, security, unit_id, month) as grouping_set,
                   type, direction, security, unit_id, month, count(*) as count
            from l
            group by grouping sets ((type), (direction), (security), (unit_id), (month), ())
            """,
            new { offsetMinutes = (int)CityClock.Offset.TotalMinutes, start = period.Start, end = period.End, all = scope.All, units = scope.UnitArray }, ct);

        // grouping() sets a bit for each column left out of the set: 0b01111 is type alone, 0b11111 the total.
        IReadOnlyList<ReportCount> Of(int set, Func<CountRow, string?> key) =>
            rows.Where(r => r.GroupingSet == set).Select(r => new ReportCount(key(r) ?? "", r.Count)).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byUnit = rows.Where(r => r.GroupingSet == 0b11101).ToList();
        var names = await scopes.NamesAsync(byUnit.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value), ct);
        var months = rows.Where(r => r.GroupingSet == 0b11110).ToDictionary(r => r.Month!, r => r.Count);
        return new LetterReport(
            period.From, period.To, unit,
            rows.FirstOrDefault(r => r.GroupingSet == 0b11111)?.Count ?? 0,
            Of(0b01111, r => r.Type),
            Of(0b10111, r => r.Direction),
            Of(0b11011, r => r.Security),
            byUnit.Select(r => r.UnitId is { } id && names.TryGetValue(id, out var n) ? new UnitCount(id, n.Code, n.Name, r.Count) : new UnitCount(r.UnitId, null, null, r.Count))
                .OrderByDescending(u => u.Count).ThenBy(u => u.Code, StringComparer.Ordinal).ToList(),
            period.Months.Select(m => new ReportCount(m, months.GetValueOrDefault(m))).ToList());
    }

    /// <summary>
    /// The agenda book: incoming letters received in the period by the units in scope, oldest first. The subject of a
    /// Biasa or Terbatas letter shows to everyone with the report's content (heads of the unit's tree, the agency's
    /// secretariat); of a Rahasia or SangatRahasia letter only to those it was addressed, disposed or forwarded to, or
    /// who registered it — for anyone else it is blank and <see cref="AgendaEntry.SubjectHidden"/>. Admins: 403.
    /// </summary>
    public async Task<(ReportPeriod Period, Guid? UnitId, IReadOnlyList<AgendaEntry> Entries)> AgendaAsync(string? from, string? to, string? unitId,
        Caller caller, CancellationToken ct)
    {
        var period = ReportRules.Period(from, to, city.Today);
        var unit = ReportRules.UnitId(unitId);
        var scope = await scopes.ForAsync(caller, unit, ct);
        scope.RequireContent("buku agenda");
        var rows = await db.QueryAsync<AgendaRow>(
            """
            select l.id as letter_id, l.agenda_number, l.received_at, l.sender_institution, l.sender_number, l.sender_date,
                   l.security, l.urgency, l.type, u.name as unit,
                   case when l.security in ('Biasa', 'Terbatas')
                          or l.drafter_user_id = @userId
                          or l.drafter_position_id = any(@positions)
                          or exists (select 1 from letter_recipients r where r.letter_id = l.id and r.target_position_id = any(@positions))
                          or exists (select 1 from letter_disposition_positions d where d.letter_id = l.id and d.position_id = any(@positions))
                        then l.subject end as subject,
                   (select string_agg(coalesce(p.title, ru.name, r.external_name), '; ' order by r.ordinal)
                    from letter_recipients r
                    left join org_positions p on p.id = coalesce(r.position_id, r.target_position_id)
                    left join org_units ru on ru.id = r.unit_id
                    where r.letter_id = l.id and not r.cc) as addressed_to,
                   exists (select 1 from letter_recipients r where r.letter_id = l.id and r.read_at is not null) as read,
                   exists (select 1 from letter_disposition_positions d where d.letter_id = l.id) as disposed
            from letters l
            left join org_units u on u.id = l.unit_id
            where l.direction = 'Incoming' and l.status = 'Received'
              and l.received_at >= @start and l.received_at < @end
              and l.unit_id = any(@units)
            order by l.received_at, l.agenda_sequence, l.id
            """,
            new { userId = caller.UserId, positions = scope.PositionArray, start = period.Start, end = period.End, units = scope.UnitArray }, ct);
        return (period, unit, rows.Select(r => new AgendaEntry(
            r.LetterId, r.AgendaNumber, CityClock.InCity(r.ReceivedAt), r.SenderInstitution, r.SenderNumber, r.SenderDate, r.Subject, r.Subject is null,
            r.Security, r.Urgency, r.Type, r.AddressedTo, r.Unit, r.Read, r.Disposed,
            r.Disposed ? "Didisposisikan" : r.Read ? "Dibaca" : "Belum dibaca")).ToList());
    }

    private sealed class CountRow
    {
        public int GroupingSet { get; init; }
        public string? Type { get; init; }
        public string? Direction { get; init; }
        public string? Security { get; init; }
        public Guid? UnitId { get; init; }
        public string? Month { get; init; }
        public long Count { get; init; }
    }

    private sealed class AgendaRow
    {
        public Guid LetterId { get; init; }
        public string? AgendaNumber { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string? SenderInstitution { get; init; }
        public string? SenderNumber { get; init; }
        public DateOnly? SenderDate { get; init; }
        public string Security { get; init; } = "";
        public string Urgency { get; init; } = "";
        public string Type { get; init; } = "";
        public string? Unit { get; init; }
        public string? Subject { get; init; }
        public string? AddressedTo { get; init; }
        public bool Read { get; init; }
        public bool Disposed { get; init; }
    }
}
