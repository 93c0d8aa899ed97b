namespace EOffice.Correspondence.Letters;

/// <summary>An addressee or carbon copy: exactly one of a position, a unit (its head) or an external institution.</summary>
public sealed record RecipientInput(Guid? PositionId, Guid? UnitId, ExternalInput? External);

/// <summary>An institution outside the city government.</summary>
public sealed record ExternalInput(string? Name, string? Address, string? Email);

/// <summary>The content of a draft (create and edit).</summary>
public sealed record DraftRequest(
    string? Type, string? Subject, string? Summary, string? Body, string? ClassificationCode, string? Security, string? Urgency,
    IReadOnlyList<RecipientInput>? To, IReadOnlyList<RecipientInput>? Cc, IReadOnlyList<Guid>? Reviewers, Guid? SignerPositionId,
    Guid? DrafterPositionId = null, LetterEvent? Event = null, Guid? ReplyToLetterId = null)
{
    /// <summary>The position the letter is signed for (a.n./u.b.), allowed by a delegation to the signer.</summary>
    public Guid? OnBehalfOfPositionId { get; init; }
}

/// <summary>A position as letters show it.</summary>
public sealed record PositionRef(Guid PositionId, string? Title, Guid? UnitId, string? UnitName);

/// <summary>A reviewer step and its latest decision.</summary>
public sealed record ReviewView(int Step, PositionRef Position, string? Decision, string? Comment, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>A recipient with delivery and read receipt.</summary>
public sealed record RecipientView(
    Guid Id, bool Cc, Guid? PositionId, Guid? UnitId, ExternalInput? External, Guid? TargetPositionId, string? TargetTitle,
    DateTimeOffset? DeliveredAt, DateTimeOffset? DispatchedAt, DateTimeOffset? ReadAt);

/// <summary>An attachment's metadata.</summary>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>A whole letter as its viewer may see it.</summary>
public sealed record LetterView(
    Guid Id, string Direction, string Type, string Status, string Subject, string? Summary, string? Body, string ClassificationCode,
    string Security, string Urgency, string? Number, DateOnly? Date, PositionRef? Drafter, Guid DrafterUserId,
    IReadOnlyList<ReviewView> Reviews, int ReviewStep, PositionRef? Signer, DateTimeOffset? SignedAt, string? VerificationCode,
    string? ContentHash, DateTimeOffset? SentAt, IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<RecipientView> Recipients,
    string? SenderInstitution, string? SenderNumber, DateOnly? SenderDate, DateTimeOffset? ReceivedAt, string? AgendaNumber,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? SignedAs = null, DateTimeOffset? PurgedAt = null,
    Guid? ReplyToLetterId = null)
{
    /// <summary>The event of a Surat Undangan.</summary>
    public LetterEvent? Event { get; init; }

    /// <summary>How each external addressee of a sent letter gets it (e-mail or paper) and how far that is.</summary>
    public IReadOnlyList<Dispatch.DispatchView>? Dispatch { get; init; }

    /// <summary>Whom the letter is (or was) signed for, a.n./u.b.; the title as signed once signed.</summary>
    public Delegations.OnBehalfView? OnBehalfOf { get; init; }

    /// <summary>The recall, once the signer withdrew the letter.</summary>
    public Recall.RecallView? Recall { get; init; }
}

/// <summary>A reviewer's decision.</summary>
public sealed record ReviewRequest(string? Decision, string? Comment);

/// <summary>The signer's re-confirmation: <c>password</c> with the built-in provider, <c>nik</c> and <c>passphrase</c> with BSrE.</summary>
public sealed record SignRequest(string? Password, string? Nik = null, string? Passphrase = null);

/// <summary>What signing gave the letter.</summary>
public sealed record SignResponse(string Number, DateOnly Date, string VerificationCode, string ContentHash);

/// <summary>A letter registered from outside by the secretariat.</summary>
public sealed record IncomingRequest(
    string? Type, string? SenderInstitution, string? SenderNumber, DateOnly? SenderDate, DateTimeOffset? ReceivedAt,
    string? Subject, string? Summary, string? ClassificationCode, string? Security, string? Urgency,
    IReadOnlyList<RecipientInput>? To, IReadOnlyList<RecipientInput>? Cc);
