using MassTransit;

namespace EOffice.Contracts;

/// <summary>Record lifecycle states (JRA, UU 43/2009).</summary>
public static class RecordStates
{
    /// <summary>In active use by its unit (aktif).</summary>
    public const string Active = "Active";

    /// <summary>Past active retention, kept in the records centre (inaktif).</summary>
    public const string Inactive = "Inactive";

    /// <summary>Past inactive retention: to be destroyed, transferred or reviewed.</summary>
    public const string DueForDisposal = "DueForDisposal";

    /// <summary>Content destroyed after an approved proposal (musnah); metadata and minutes kept.</summary>
    public const string Destroyed = "Destroyed";

    /// <summary>Transferred to the city archive (permanen).</summary>
    public const string Permanent = "Permanent";
}

/// <summary>A record was created for a letter in a unit's archive.</summary>
[EntityName("eoffice.record-created")]
public sealed record RecordCreated(Guid RecordId, Guid LetterId, Guid UnitId, string ClassificationCode, string State, DateTimeOffset OccurredAt);

/// <summary>A record's retention has run out: an archivist must propose its disposal or transfer.</summary>
[EntityName("eoffice.record-due-for-disposal")]
public sealed record RecordDueForDisposal(
    Guid RecordId, Guid LetterId, Guid UnitId, string ClassificationCode, string State, string FinalDisposition, DateTimeOffset OccurredAt);

/// <summary>A record's content was destroyed after an approved disposal (metadata and minutes kept).</summary>
[EntityName("eoffice.record-destroyed")]
public sealed record RecordDestroyed(Guid RecordId, Guid LetterId, Guid UnitId, string ClassificationCode, string State, Guid ProposalId, DateTimeOffset OccurredAt);

/// <summary>A permanent record was transferred to the city archive after an approved proposal.</summary>
[EntityName("eoffice.record-transferred")]
public sealed record RecordTransferred(Guid RecordId, Guid LetterId, Guid UnitId, string ClassificationCode, string State, Guid ProposalId, DateTimeOffset OccurredAt);

/// <summary>
/// Every record of a letter was destroyed (Archive): Correspondence purges the letter's body and files;
/// its number, metadata, seal hash and the minutes stay.
/// </summary>
[EntityName("eoffice.letter-content-purged")]
public sealed record LetterContentPurged(Guid LetterId, DateTimeOffset OccurredAt);
