using MassTransit;

namespace EOffice.Contracts;

/// <summary>
/// The signer withdrew a sent letter before any internal recipient read it: its inbox entries are gone,
/// their notifications withdrawn, its records marked recalled. <see cref="Recipients"/> are the positions
/// it had been delivered to.
/// </summary>
[EntityName("eoffice.letter-recalled")]
public sealed record LetterRecalled(
    Guid LetterId, string Number, Guid ByPositionId, string Reason, IReadOnlyList<Guid> Recipients, DateTimeOffset OccurredAt);
