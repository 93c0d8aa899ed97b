using EOffice.Org;

namespace EOffice.Correspondence.Letters;

/// <summary>A row of <c>letters</c>.</summary>
public sealed class LetterRow
{
    public Guid Id { get; init; }
    public string Direction { get; init; } = "";
    public string Type { get; init; } = "";
    public string Subject { get; init; } = "";
    public string? Summary { get; init; }
    public string? Body { get; init; }
    public string ClassificationCode { get; init; } = "";
    public string Security { get; init; } = "";
    public string Urgency { get; init; } = "";
    public string Status { get; init; } = "";
    public Guid DrafterUserId { get; init; }
    public Guid? DrafterPositionId { get; init; }
    public Guid? UnitId { get; init; }
    public Guid? SignerPositionId { get; init; }
    public Guid? SignedByUserId { get; init; }
    public string? SignedAs { get; init; }
    public string? SignerTitle { get; init; }
    public int ReviewStep { get; init; }
    public string? Number { get; init; }
    public DateOnly? LetterDate { get; init; }
    public DateTimeOffset? SignedAt { get; init; }
    public string? ContentHash { get; init; }
    public string? Seal { get; init; }
    public string? SealKeyId { get; init; }
    public string? VerificationCode { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? SenderInstitution { get; init; }
    public string? SenderNumber { get; init; }
    public DateOnly? SenderDate { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public string? AgendaNumber { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? PurgedAt { get; init; }
    public string? DocumentSha256 { get; init; }
    public string? Event { get; init; }
    public Guid? OnBehalfOfPositionId { get; init; }
    public string? OnBehalfKind { get; init; }
    public string? OnBehalfTitle { get; init; }
    public DateTimeOffset? RecalledAt { get; init; }
    public string? RecallReason { get; init; }
    public Guid? RecalledByUserId { get; init; }
    public Guid? ReplyToLetterId { get; init; }
}

/// <summary>A row of <c>letter_recipients</c>.</summary>
public sealed class RecipientRow
{
    public Guid Id { get; init; }
    public int Ordinal { get; init; }
    public bool Cc { get; init; }
    public Guid? PositionId { get; init; }
    public Guid? UnitId { get; init; }
    public string? ExternalName { get; init; }
    public string? ExternalAddress { get; init; }
    public string? ExternalEmail { get; init; }
    public Guid? TargetPositionId { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>A row of <c>review_decisions</c>.</summary>
public sealed class DecisionRow
{
    public int Step { get; init; }
    public Guid PositionId { get; init; }
    public Guid UserId { get; init; }
    public string Decision { get; init; } = "";
    public string? Comment { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
}

/// <summary>A row of <c>attachments</c> without the bytes.</summary>
public sealed class AttachmentRow
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public string Sha256 { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>A letter with everything about it that decides visibility and makes up its view.</summary>
public sealed record LetterAggregate(
    LetterRow Letter, IReadOnlyList<Guid> Reviewers, IReadOnlyList<DecisionRow> Decisions, IReadOnlyList<RecipientRow> Recipients,
    IReadOnlyList<AttachmentRow> Attachments, IReadOnlyList<Guid> DispositionPositions)
{
    /// <summary>Positions the letter was forwarded to (teruskan).</summary>
    public IReadOnlyList<Guid> ForwardPositions { get; init; } = [];

    /// <summary>The positions the letter names (drafter, reviewers, signer, a.n./u.b., addressees) as the org-chart copy knew them at load.</summary>
    public IReadOnlyDictionary<Guid, OrgPosition> Positions { get; init; } = new Dictionary<Guid, OrgPosition>();

    /// <summary>The names of the users who decided a review step, by user id.</summary>
    public IReadOnlyDictionary<Guid, string> DeciderNames { get; init; } = new Dictionary<Guid, string>();

    /// <summary>How each external addressee gets the letter (empty before sending).</summary>
    public IReadOnlyList<Dispatch.DispatchView> Dispatches { get; init; } = [];
}
