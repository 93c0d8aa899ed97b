namespace EOffice.Web.Services;

/// <summary>A count under one key (type, direction, security level or month <c>yyyy-MM</c>).</summary>
public sealed record ReportCount(string Key, long Count);

/// <summary>A count for one unit.</summary>
public sealed record UnitCount(Guid? UnitId, string? Code, string? Name, long Count);

/// <summary><c>GET /api/reports/letters</c>.</summary>
public sealed record LetterReport(DateOnly From, DateOnly To, Guid? UnitId, long Total, List<ReportCount> ByType, List<ReportCount> ByDirection,
    List<ReportCount> BySecurity, List<UnitCount> ByUnit, List<ReportCount> ByMonth);

/// <summary>Dispositions to one unit; a null unit is the total.</summary>
public sealed record UnitDispositions(Guid? UnitId, string? Code, string? Name, long Open, long Completed, long Overdue, long CompletedLate, double? MedianHours);

/// <summary>An overdue disposition (drill-down).</summary>
public sealed record OverdueDisposition(Guid Id, Guid LetterId, string? AgendaNumber, string? Number, string? Subject, string? Security,
    Guid ToPositionId, string? ToTitle, string? ToHolder, Guid? UnitId, string? UnitName, string Status, DateTimeOffset CreatedAt, DateTimeOffset DueAt, double HoursOverdue);

/// <summary><c>GET /api/reports/dispositions</c>.</summary>
public sealed record DispositionReport(DateOnly From, DateOnly To, Guid? UnitId, UnitDispositions Total, List<UnitDispositions> Units, List<OverdueDisposition>? Overdue);

/// <summary>An entry of the agenda book.</summary>
public sealed record AgendaEntry(Guid LetterId, string? AgendaNumber, DateTimeOffset ReceivedAt, string? SenderInstitution, string? SenderNumber,
    DateOnly? SenderDate, string? Subject, bool SubjectHidden, string Security, string Urgency, string Type, string? AddressedTo, string? Unit,
    bool Read, bool Disposed, string Status);

/// <summary><c>GET /api/reports/agenda</c>.</summary>
public sealed record AgendaReport(DateOnly From, DateOnly To, Guid? UnitId, int Total, List<AgendaEntry> Entries);
