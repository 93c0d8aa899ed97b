using System.Text.Json;

namespace EOffice.Web.Services;

/// <summary>A page of a list: <c>{ items, next }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>The signed-in user as the session shows them.</summary>
public sealed record SessionUser(
    Guid Id, string Name, string? Nip, Guid? PositionId, string? PositionTitle, Guid? UnitId, string? UnitName, IReadOnlyList<string>? Roles)
{
    /// <summary>Whether the user has a role.</summary>
    public bool Has(string role) => Roles?.Contains(role, StringComparer.Ordinal) == true;
}

/// <summary><c>GET /api/session</c> and the sign-in answer.</summary>
public sealed record SessionInfo(SessionUser User, DateTimeOffset? ExpiresAt)
{
    /// <summary>The city's time zone (<c>City:TimeZone</c>: <c>Asia/Jakarta</c>, WIB, unless configured otherwise).</summary>
    public string? TimeZone { get; init; }
}

/// <summary>A position the user acts for (Plt/Plh).</summary>
public sealed record ActingPosition(Guid PositionId, string PositionTitle, Guid UnitId, string Kind, DateOnly From, DateOnly To);

/// <summary><c>GET /api/auth/me</c>.</summary>
public sealed record UserProfile(
    Guid Id, string Name, string Nip, string? Email, Guid? PositionId, string? PositionTitle, Guid? UnitId, string? UnitName,
    IReadOnlyList<string>? Roles, IReadOnlyList<ActingPosition>? Acting);

/// <summary>One letter in a mailbox folder.</summary>
public sealed record MailboxItem(
    Guid Id, Guid LetterId, string Direction, string Type, string Subject, string? Number, string? AgendaNumber, DateOnly? Date,
    string Status, string Security, string Urgency, string? From, bool Cc, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt,
    bool Unread, DateTimeOffset SortAt, string? SenderNumber, string? ForwardedBy = null, string? ForwardNote = null);

/// <summary>A position as letters show it.</summary>
public sealed record PositionRef(Guid PositionId, string? Title, Guid? UnitId, string? UnitName);

/// <summary>A reviewer step.</summary>
public sealed record ReviewView(int Step, PositionRef Position, string? Decision, string? Comment, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>An external institution.</summary>
public sealed record ExternalInput(string? Name, string? Address, string? Email);

/// <summary>A recipient with receipts.</summary>
public sealed record RecipientView(
    Guid Id, bool Cc, Guid? PositionId, Guid? UnitId, ExternalInput? External, Guid? TargetPositionId, string? TargetTitle,
    DateTimeOffset? DeliveredAt, DateTimeOffset? DispatchedAt, DateTimeOffset? ReadAt);

/// <summary>An attachment.</summary>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string? Sha256, DateTimeOffset UploadedAt);

/// <summary>A whole letter.</summary>
public sealed record LetterView(
    Guid Id, string Direction, string Type, string Status, string Subject, string? Summary, string? Body, string ClassificationCode,
    string Security, string Urgency, string? Number, DateOnly? Date, PositionRef? Drafter, Guid DrafterUserId,
    IReadOnlyList<ReviewView> Reviews, int ReviewStep, PositionRef? Signer, DateTimeOffset? SignedAt, string? VerificationCode,
    DateTimeOffset? SentAt, IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<RecipientView> Recipients,
    string? SenderInstitution, string? SenderNumber, DateOnly? SenderDate, DateTimeOffset? ReceivedAt, string? AgendaNumber,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? SignedAs,
    LetterEvent? Event = null, IReadOnlyList<DispatchView>? Dispatch = null,
    Guid? ReplyToLetterId = null)
{
    /// <summary>Whom the letter is signed for (a.n./u.b.); kind and title as signed once signed.</summary>
    public OnBehalfView? OnBehalfOf { get; init; }

    /// <summary>The signer's recall, if they withdrew the letter.</summary>
    public RecallView? Recall { get; init; }
}

/// <summary>The event of a Surat Undangan (times <c>HH:mm</c> WIB).</summary>
public sealed record LetterEvent(DateOnly? Date, string? StartTime, string? EndTime, string? Place, string? Agenda);

/// <summary>How an external addressee gets a sent letter: <c>email</c> (queued, sent, failed) or <c>paper</c> (pending, dispatched).</summary>
public sealed record DispatchView(
    Guid Id, string Name, string? Address, string? Email, bool Cc, string Method, string State, int Attempts, string? LastError,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? At, string? Courier, string? TrackingNumber, string? DispatchedBy);

/// <summary>A dispatch in the secretariat's list.</summary>
public sealed record DispatchItem(
    Guid Id, Guid LetterId, string Type, string? Number, DateOnly? Date, string? Subject, string Security, string Name, string? Address,
    string? Email, string Method, string State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? At,
    string? Courier, string? TrackingNumber, string? Note, string? DispatchedBy);

/// <summary>Whom a letter is signed for: <c>an</c> (atas nama) or <c>ub</c> (untuk beliau), null before signing.</summary>
public sealed record OnBehalfView(Guid PositionId, string? Kind, string? Title);

/// <summary>A recall: when, why, by whom.</summary>
public sealed record RecallView(DateTimeOffset At, string Reason, Guid? ByUserId);

/// <summary>A delegation of signing.</summary>
public sealed record DelegationView(
    Guid Id, Guid FromPositionId, string? FromTitle, Guid ToPositionId, string? ToTitle, string Kind, IReadOnlyList<string> LetterTypes,
    DateOnly From, DateOnly To);

/// <summary>A timeline actor.</summary>
public sealed record TimelineActor(Guid? UserId, string? Name, Guid? PositionId, string? Title);

/// <summary>A timeline entry.</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineActor? Actor, string Action, JsonElement? Detail);

/// <summary>What signing gave the letter.</summary>
public sealed record SignResponse(string Number, DateOnly Date, string VerificationCode);

/// <summary>Which signature provider signs (<c>Local</c>: the password; <c>Bsre</c>: NIK and passphrase).</summary>
public sealed record SigningInfo(string Provider);

/// <summary>A document type.</summary>
public sealed record LetterType(string Code, string Name, bool Active, int SortOrder);

/// <summary>A classification tree node.</summary>
public sealed record ClassificationNode(string Code, string Title, List<ClassificationNode>? Children);

/// <summary>A classification flattened for a picker.</summary>
public sealed record ClassificationItem(string Code, string Title)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} — {Title}";
}

/// <summary>A position holder.</summary>
public sealed record PositionHolder(Guid UserId, string Name, string? Nip);

/// <summary>An acting holder.</summary>
public sealed record PositionActing(Guid UserId, string Name, string? Nip, string Kind);

/// <summary>A position of the org chart.</summary>
public sealed record OrgPosition(
    Guid Id, string Title, Guid UnitId, string? UnitName, PositionHolder? Holder, PositionActing? Acting)
{
    /// <summary>Title, holder and unit, as pickers show it.</summary>
    public string Describe() =>
        Title + (Holder is { } h ? $" — {h.Name}" : Acting is { } a ? $" — {a.Kind}. {a.Name}" : "") + (UnitName is { Length: > 0 } u ? $" ({u})" : "");

    /// <inheritdoc />
    public override string ToString() => Describe();
}

/// <summary>An org unit (tree).</summary>
public sealed record OrgUnit(Guid Id, string Code, string Name, Guid? ParentId, List<OrgUnit>? Children);

/// <summary>A notification.</summary>
public sealed record NotificationItem(Guid Id, long Seq, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>The unread count.</summary>
public sealed record UnreadCount(int Count);

/// <summary>A disposition (only what lists need).</summary>
public sealed record DispositionItem(
    Guid Id, Guid LetterId, string Status, bool Overdue, DateTimeOffset DueAt, string? Note, DispositionPosition? From, DispositionPosition? To,
    IReadOnlyList<string>? Instructions, string? FromAs, DispositionLetter? Letter, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>A position as dispositions show it.</summary>
public sealed record DispositionPosition(Guid PositionId, string? Title, string? UnitName, string? HolderName);

/// <summary>The letter a disposition is about.</summary>
public sealed record DispositionLetter(string? Number, string? AgendaNumber, string? SenderNumber, string? Subject, string? Sender, string? Security, string? Urgency);

/// <summary>A recipient to send: exactly one of the three.</summary>
public sealed record RecipientInput(Guid? PositionId, Guid? UnitId, ExternalInput? External);

/// <summary>The content of a draft.</summary>
public sealed record DraftRequest(
    string? Type, string? Subject, string? Summary, string? Body, string? ClassificationCode, string? Security, string? Urgency,
    IReadOnlyList<RecipientInput> To, IReadOnlyList<RecipientInput> Cc, IReadOnlyList<Guid> Reviewers, Guid? SignerPositionId,
    Guid? DrafterPositionId = null, LetterEvent? Event = null, Guid? ReplyToLetterId = null)
{
    /// <summary>The position the letter is signed for (a.n./u.b.), by a delegation to the signer.</summary>
    public Guid? OnBehalfOfPositionId { get; init; }
}

/// <summary>One item of a letter's thread: the original, a reply, or a forward of one of them (<c>GET /api/letters/{id}/thread</c>).</summary>
public sealed record ThreadItem(
    Guid Id, string Relation, string Direction, string Type, string Status, string Security, string Subject, string? Number, DateOnly? Date,
    DateTimeOffset At, string? Sender, Guid? ReplyToLetterId, ThreadForward? Forward);

/// <summary>A forward: by whom, to which positions, with which note.</summary>
public sealed record ThreadForward(Guid Id, string? By, string? ByName, IReadOnlyList<string> To, string? Note, IReadOnlyList<Guid> ToPositionIds);

/// <summary>A position to forward to.</summary>
public sealed record ForwardTarget(Guid PositionId);

/// <summary>Forward a letter (<c>POST /api/letters/{id}/forward</c>).</summary>
public sealed record ForwardRequest(IReadOnlyList<ForwardTarget> To, string? Note);

/// <summary>An incoming letter to register.</summary>
public sealed record IncomingRequest(
    string? SenderInstitution, string? SenderNumber, DateOnly? SenderDate, DateTimeOffset? ReceivedAt,
    string? Subject, string? Summary, string? ClassificationCode, string? Security, string? Urgency, IReadOnlyList<RecipientInput> To);

/// <summary>A disposition instruction (petunjuk) of the city's list.</summary>
public sealed record DispositionInstruction(string Code, string Text, bool Active, int SortOrder);

/// <summary>A follow-up report (tindak lanjut).</summary>
public sealed record FollowUpItem(Guid Id, DateTimeOffset At, string Note, string? AttachmentRef, Guid PositionId, string? By)
{
    /// <summary>Files reported with it.</summary>
    public IReadOnlyList<FollowUpFile>? Files { get; init; }
}

/// <summary>A whole disposition, as <c>GET /api/dispositions/{id}</c> and the letter's tree show it.</summary>
public sealed record DispositionDetail(
    Guid Id, Guid LetterId, Guid? ParentId, DispositionPosition From, string? FromUserName, DispositionPosition To,
    IReadOnlyList<string> Instructions, string? Note, DateTimeOffset DueAt, string Priority, string Status, bool Overdue,
    DateTimeOffset? ReadAt, DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt, DateTimeOffset CreatedAt,
    IReadOnlyList<FollowUpItem>? FollowUps, IReadOnlyList<DispositionDetail>? Children, string? FromAs, bool Late, DispositionLetter? Letter)
{
    /// <summary>Completed or cancelled: nothing more happens to it.</summary>
    public bool Closed => Status is "Completed" or "Cancelled";
}

/// <summary>
/// Dispose a letter or forward a disposition: <c>dueAt</c> a date (<c>yyyy-MM-dd</c>, the end of that day in WIB) or null
/// for the default from the letter's urgency.
/// </summary>
public sealed record DisposeRequest(
    IReadOnlyList<Guid> To, IReadOnlyList<string> Instructions, string? Note, string? DueAt, string? Priority, Guid? FromPositionId);

/// <summary>A follow-up to report.</summary>
public sealed record FollowUpRequest(string? Note, string? AttachmentRef);

/// <summary>An archive record (<c>GET /api/records</c>, <c>/api/records/{id}</c>); <c>rank</c> only for a text query.</summary>
public sealed record RecordItem(
    Guid Id, Guid LetterId, string Direction, string Number, string? Type, string? Subject, string? Summary, Guid UnitId,
    string ClassificationCode, string Security, DateOnly Date, string State, DateOnly ActiveUntil, DateOnly InactiveUntil,
    string FinalDisposition, bool Hold, string? HoldReason, Guid? FileId, DateTimeOffset? DestroyedAt, double? Rank);
