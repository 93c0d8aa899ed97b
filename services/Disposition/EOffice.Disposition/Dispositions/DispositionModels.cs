using System.Text.Json.Serialization;

namespace EOffice.Disposition.Dispositions;

/// <summary>
/// Dispose a letter (or forward a disposition) to subordinate positions. <c>dueAt</c> is a date (the end
/// of that day in WIB) or a time with any UTC offset; stored as UTC.
/// </summary>
public sealed record DisposeRequest(
    IReadOnlyList<Guid>? To, IReadOnlyList<string>? Instructions, string? Note,
    [property: JsonConverter(typeof(DueAtJsonConverter))] DateTimeOffset? DueAt, string? Priority, Guid? FromPositionId);

/// <summary>The letter a disposition is about, as lists show it (no extra call per row); subject is null for secret letters.</summary>
public sealed record DispositionLetter(string? Number, string? AgendaNumber, string? SenderNumber, string? Subject, string? Sender,
    string? Security, string? Urgency);

/// <summary>A follow-up report (tindak lanjut).</summary>
public sealed record FollowUpRequest(string? Note, string? AttachmentRef);

/// <summary>A position as dispositions show it.</summary>
public sealed record PositionRef(Guid PositionId, string? Title, string? UnitName, string? HolderName);

/// <summary>A follow-up as shown, with the files reported with it.</summary>
public sealed record FollowUpView(Guid Id, DateTimeOffset At, string Note, string? AttachmentRef, Guid PositionId, string? By)
{
    /// <summary>Files uploaded with it (download: <c>GET /api/dispositions/{id}/files/{fileId}</c>).</summary>
    public IReadOnlyList<FollowUpFileView> Files { get; init; } = [];
}

/// <summary>A file reported with a follow-up.</summary>
public sealed record FollowUpFileView(Guid Id, string FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// A disposition as shown (in the tree, with its children). <c>fromAs</c> names the sender as they acted
/// (<c>Plt. Kepala …</c> for an acting holder); <c>late</c>: completed after its due time.
/// </summary>
public sealed record DispositionView(
    Guid Id, Guid LetterId, Guid? ParentId, PositionRef From, string? FromUserName, PositionRef To, IReadOnlyList<string> Instructions,
    string? Note, DateTimeOffset DueAt, string Priority, string Status, bool Overdue, DateTimeOffset? ReadAt, DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt, DateTimeOffset CreatedAt, IReadOnlyList<FollowUpView> FollowUps, List<DispositionView> Children)
{
    /// <summary>The sender's title as they acted (Plt./Plh. prefix for an acting holder).</summary>
    public string? FromAs { get; init; }

    /// <summary>Completed after the due time.</summary>
    public bool Late { get; init; }

    /// <summary>The letter it is about.</summary>
    public DispositionLetter? Letter { get; init; }
}

/// <summary>A disposition's status.</summary>
public static class DispositionStatus
{
    public const string Open = "Open";
    public const string Read = "Read";
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";

    /// <summary>Whether nothing more will happen to it.</summary>
    public static bool IsClosed(string status) => status is Completed or Cancelled;
}

/// <summary>A row of <c>dispositions</c>.</summary>
public sealed class DispositionRow
{
    /// <summary>Selects the columns of this row from <c>dispositions</c>; a <c>where</c> clause follows.</summary>
    public const string Select =
        """
        select id, letter_id, parent_id, from_position_id, from_user_id, to_position_id, instructions, note, due_at, priority, status,
               read_at, completed_at, cancelled_at, overdue_at, created_at, from_acting_kind, late
        from dispositions
        """;

    public Guid Id { get; init; }
    public Guid LetterId { get; init; }
    public Guid? ParentId { get; init; }
    public Guid FromPositionId { get; init; }
    public Guid FromUserId { get; init; }
    public Guid ToPositionId { get; init; }
    public string[] Instructions { get; init; } = [];
    public string? Note { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public string Priority { get; init; } = "Normal";
    public string Status { get; init; } = "";
    public DateTimeOffset? ReadAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset? OverdueAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? FromActingKind { get; init; }
    public bool Late { get; init; }
}
