using MassTransit;

namespace EOffice.Contracts;

// Letter events (Correspondence). They are what leaves the platform (API.md, "What leaves the platform"):
// metadata only, never a body or files; subject and summary only for Biasa letters. The text EOffice's
// own services need travels on LetterContent, an internal exchange city systems cannot bind to.

/// <summary>A letter waits for a reviewer's decision (step is 1-based; the signer's step is reviewers + 1).</summary>
[EntityName("eoffice.letter-review-requested")]
public sealed record LetterReviewRequested(
    Guid LetterId, string? Subject, string Security, Guid ReviewerPositionId, int Step, bool ForSignature,
    Guid DrafterPositionId, DateTimeOffset OccurredAt);

/// <summary>A reviewer returned a letter to its drafter with a comment.</summary>
[EntityName("eoffice.letter-returned")]
public sealed record LetterReturned(
    Guid LetterId, string? Subject, string Security, Guid ByPositionId, string? Comment, Guid DrafterPositionId,
    DateTimeOffset OccurredAt);

/// <summary>A letter was signed: it has its number and date and is sealed.</summary>
[EntityName("eoffice.letter-signed")]
public sealed record LetterSigned(
    Guid LetterId, string Number, DateOnly Date, Guid SignerPositionId, Guid UnitId, DateTimeOffset OccurredAt)
{
    /// <summary>The signer as signed: the position's title, <c>Plt. …</c>/<c>Plh. …</c> for an acting holder.</summary>
    public string? SignerTitle { get; init; }

    /// <summary>The drafter's position (told that the letter was signed).</summary>
    public Guid? DrafterPositionId { get; init; }
}

/// <summary>One addressee or carbon copy of a sent letter.</summary>
public sealed record LetterRecipient(Guid? PositionId, Guid? UnitId, ExternalRecipient? External, bool Cc);

/// <summary>An institution outside the city government.</summary>
public sealed record ExternalRecipient(string Name, string? Address, string? Email);

/// <summary>A signed letter was sent to all its recipients.</summary>
[EntityName("eoffice.letter-sent")]
public sealed record LetterSent(
    Guid LetterId, string Number, DateOnly Date, string Type, string? Subject, string? Summary, string ClassificationCode,
    string Security, string Urgency, Guid SenderUnitId, Guid SignerPositionId, IReadOnlyList<LetterRecipient> Recipients,
    DateTimeOffset OccurredAt)
{
    /// <summary>The drafter's position.</summary>
    public Guid? DrafterPositionId { get; init; }

    /// <summary>The reviewers' positions.</summary>
    public IReadOnlyList<Guid> ReviewerPositionIds { get; init; } = [];

    /// <summary>The signer as signed: the position's title, <c>Plt. …</c>/<c>Plh. …</c> for an acting holder.</summary>
    public string? SignerTitle { get; init; }
}

/// <summary>A letter landed in one internal position's inbox (one event per recipient position).</summary>
[EntityName("eoffice.letter-received")]
public sealed record LetterReceived(
    Guid LetterId, string Number, string? Subject, string Security, string Urgency, Guid RecipientPositionId,
    Guid RecipientUnitId, bool Cc, bool Incoming, string ClassificationCode, DateOnly Date, Guid SenderUnitId,
    DateTimeOffset OccurredAt)
{
    /// <summary>Who sent it: the sending institution of an incoming letter, else the signer's position title.</summary>
    public string? Sender { get; init; }

    /// <summary>The agenda number of an incoming letter.</summary>
    public string? AgendaNumber { get; init; }

    /// <summary>The sender's own number on an incoming letter (what the paper says), else null.</summary>
    public string? SenderNumber { get; init; }

    /// <summary>The sender's date on an incoming letter, else null.</summary>
    public DateOnly? SenderDate { get; init; }

    /// <summary>When an incoming letter reached the office, as the secretariat recorded it; else null.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

/// <summary>A recipient position read a letter (read receipt).</summary>
[EntityName("eoffice.letter-read")]
public sealed record LetterRead(Guid LetterId, Guid PositionId, Guid UserId, DateTimeOffset ReadAt, Guid? SenderPositionId, DateTimeOffset OccurredAt);

/// <summary>The secretariat registered a letter received from outside.</summary>
[EntityName("eoffice.incoming-letter-registered")]
public sealed record IncomingLetterRegistered(
    Guid LetterId, string AgendaNumber, string SenderInstitution, string? SenderNumber, string? Subject,
    string ClassificationCode, string Security, string Urgency, Guid UnitId, IReadOnlyList<LetterRecipient> Recipients,
    DateTimeOffset OccurredAt)
{
    /// <summary>The summary (null for secret letters).</summary>
    public string? Summary { get; init; }

    /// <summary>The sender's date on the letter.</summary>
    public DateOnly? SenderDate { get; init; }

    /// <summary>The registering secretariat position.</summary>
    public Guid? RegisteredByPositionId { get; init; }
}

/// <summary>
/// The text of a letter for EOffice's own services — Archive indexes it, Disposition names the letter on
/// its lists — on an internal exchange that city systems cannot bind to and webhooks never carry.
/// Published when a letter below Rahasia is sent or registered (secret letters' text stays in Correspondence).
/// </summary>
[EntityName("eoffice.internal.letter-content")]
public sealed record LetterContent(Guid LetterId, string Security, string Subject, string? Summary, string? Body, DateTimeOffset OccurredAt);

/// <summary>Security levels (sifat naskah).</summary>
public static class SecurityLevels
{
    /// <summary>Ordinary.</summary>
    public const string Biasa = "Biasa";

    /// <summary>Limited.</summary>
    public const string Terbatas = "Terbatas";

    /// <summary>Secret.</summary>
    public const string Rahasia = "Rahasia";

    /// <summary>Top secret.</summary>
    public const string SangatRahasia = "SangatRahasia";

    /// <summary>Every level, in ascending order.</summary>
    public static readonly IReadOnlyList<string> All = [Biasa, Terbatas, Rahasia, SangatRahasia];

    /// <summary>Whether content (subject, summary, body) is restricted to those directly involved.</summary>
    public static bool IsSecret(string level) => level is Rahasia or SangatRahasia;

    /// <summary>Whether a letter's subject and summary may travel on public events (only <c>Biasa</c>'s do).</summary>
    public static bool SubjectIsPublic(string level) => level is Biasa;
}

/// <summary>Urgency levels (derajat kecepatan).</summary>
public static class UrgencyLevels
{
    /// <summary>Normal schedule.</summary>
    public const string Biasa = "Biasa";

    /// <summary>Within 24 hours.</summary>
    public const string Segera = "Segera";

    /// <summary>The same day.</summary>
    public const string SangatSegera = "SangatSegera";

    /// <summary>Every level.</summary>
    public static readonly IReadOnlyList<string> All = [Biasa, Segera, SangatSegera];
}
