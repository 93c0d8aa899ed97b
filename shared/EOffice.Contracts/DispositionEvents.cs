using MassTransit;

namespace EOffice.Contracts;

// Disposition events (Disposition). They carry no letter content.

/// <summary>A position disposed a letter to a subordinate position (one event per recipient).</summary>
[EntityName("eoffice.disposition-created")]
public sealed record DispositionCreated(
    Guid DispositionId, Guid LetterId, Guid? ParentId, Guid FromPositionId, Guid ToPositionId, IReadOnlyList<string> Instructions,
    string? Note, DateTimeOffset DueAt, string Priority, DateTimeOffset OccurredAt);

/// <summary>The assignee reported follow-up (tindak lanjut).</summary>
[EntityName("eoffice.disposition-followed-up")]
public sealed record DispositionFollowedUp(
    Guid DispositionId, Guid LetterId, Guid FromPositionId, Guid ToPositionId, string Note, DateTimeOffset OccurredAt);

/// <summary>The assignee completed the disposition.</summary>
[EntityName("eoffice.disposition-completed")]
public sealed record DispositionCompleted(
    Guid DispositionId, Guid LetterId, Guid FromPositionId, Guid ToPositionId, bool LetterCompleted, DateTimeOffset OccurredAt)
{
    /// <summary>Completed after its due time.</summary>
    public bool Late { get; init; }
}

/// <summary>The sender cancelled an unread disposition.</summary>
[EntityName("eoffice.disposition-cancelled")]
public sealed record DispositionCancelled(
    Guid DispositionId, Guid LetterId, Guid FromPositionId, Guid ToPositionId, DateTimeOffset OccurredAt);

/// <summary>A disposition passed its due time without being completed (published once per disposition).</summary>
[EntityName("eoffice.disposition-overdue")]
public sealed record DispositionOverdue(
    Guid DispositionId, Guid LetterId, Guid FromPositionId, Guid ToPositionId, DateTimeOffset DueAt, DateTimeOffset OccurredAt);
