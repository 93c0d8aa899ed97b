namespace EOffice.Web.Services;

/// <summary>A hold placed or lifted (<c>GET /api/records/{id}/holds</c>): <c>Placed</c> or <c>Lifted</c>, with its reason.</summary>
public sealed record HoldEvent(string Action, string? Reason, Guid? ByUserId, string? ByName, DateTimeOffset At);

/// <summary>A file (berkas) as lists show it; the count is of the records the caller may see.</summary>
public sealed record FileItem(
    Guid Id, Guid UnitId, string ClassificationCode, string Description, DateOnly? PeriodFrom, DateOnly? PeriodTo, Guid CreatedBy,
    DateTimeOffset CreatedAt, int RecordCount);

/// <summary>A file with the records in it the caller may see.</summary>
public sealed record FileDetail(
    Guid Id, Guid UnitId, string ClassificationCode, string Description, DateOnly? PeriodFrom, DateOnly? PeriodTo, Guid CreatedBy,
    DateTimeOffset CreatedAt, int RecordCount, IReadOnlyList<RecordItem> Records);

/// <summary>A new file (<c>POST /api/files</c>).</summary>
public sealed record FileRequest(string? ClassificationCode, string? Description, DateOnly? PeriodFrom, DateOnly? PeriodTo, Guid? UnitId);

/// <summary>The answer to <c>POST /api/files</c>.</summary>
public sealed record FileCreated(Guid Id, Guid UnitId, string ClassificationCode, string Description);

/// <summary>A disposal proposal as lists show it.</summary>
public sealed record ProposalItem(
    Guid Id, Guid? UnitId, string Status, string LegalBasis, Guid ProposedBy, DateTimeOffset ProposedAt, Guid? ApprovedBy, DateTimeOffset? ApprovedAt,
    int RecordCount);

/// <summary>A disposal proposal and, once approved, its minutes (berita acara).</summary>
public sealed record ProposalDetail(
    Guid Id, string Status, string LegalBasis, Guid ProposedBy, DateTimeOffset ProposedAt, Guid? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? Minutes, IReadOnlyList<Guid> RecordIds);

/// <summary>A user as the org chart shows them (for names of proposers and approvers).</summary>
public sealed record OrgUserName(Guid Id, string Name, string? Nip);

/// <summary>A node of the classification scheme with its own rule (null: inherited) and the rule in effect.</summary>
public sealed record SchemeNode(
    string Code, string Title, int? ActiveYears, int? InactiveYears, string? FinalDisposition, SchemeRule? Effective, List<SchemeNode>? Children);

/// <summary>A retention rule (JRA).</summary>
public sealed record SchemeRule(int ActiveYears, int InactiveYears, string FinalDisposition);

/// <summary>A classification code to add or change (<c>POST /api/classifications</c>, <c>PUT /api/classifications/{code}</c>).</summary>
public sealed record ClassificationRequest(string? Code, string? ParentCode, string? Title, int? ActiveYears, int? InactiveYears, string? FinalDisposition);
