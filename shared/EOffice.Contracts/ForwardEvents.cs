using MassTransit;

namespace EOffice.Contracts;

/// <summary>
/// A received letter was forwarded (teruskan) by a recipient to other positions inside the city; each got it
/// in their inbox, marked as forwarded, with the note. Only letters below Rahasia are forwarded, so the
/// subject travels for Biasa letters only, like every letter event.
/// </summary>
[EntityName("eoffice.letter-forwarded")]
public sealed record LetterForwarded(Guid LetterId, Guid FromPositionId, IReadOnlyList<Guid> ToPositionIds, string? Note, DateTimeOffset OccurredAt)
{
    /// <summary>The letter's number (or agenda number of an incoming letter).</summary>
    public string? Number { get; init; }

    /// <summary>The subject, for <c>Biasa</c> letters only.</summary>
    public string? Subject { get; init; }

    /// <summary>The letter's security level.</summary>
    public string Security { get; init; } = "";

    /// <summary>Who forwarded it, as the title of their position.</summary>
    public string? FromTitle { get; init; }
}
