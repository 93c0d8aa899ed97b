namespace EOffice.Correspondence.Delegations;

/// <summary>
/// A delegation of signing: <see cref="ToPositionId"/> may sign letters of <see cref="LetterTypes"/> for
/// <see cref="FromPositionId"/> (<c>an</c>: atas nama, <c>ub</c>: untuk beliau), from <see cref="From"/> to
/// <see cref="To"/> inclusive (WIB dates).
/// </summary>
public sealed record Delegation(
    Guid Id, Guid FromPositionId, Guid ToPositionId, string Kind, IReadOnlyList<string> LetterTypes, DateOnly From, DateOnly To);

/// <summary>A delegation as the API shows it (with the positions' titles).</summary>
public sealed record DelegationView(
    Guid Id, Guid FromPositionId, string? FromTitle, Guid ToPositionId, string? ToTitle, string Kind, IReadOnlyList<string> LetterTypes,
    DateOnly From, DateOnly To);

/// <summary>Records a delegation.</summary>
public sealed record DelegationRequest(
    Guid? FromPositionId, Guid? ToPositionId, string? Kind, IReadOnlyList<string>? LetterTypes, DateOnly? From, DateOnly? To);

/// <summary>Whom a letter is signed for: the kind (<c>an</c>/<c>ub</c>) and title as recorded at signing (no kind before).</summary>
public sealed record OnBehalfView(Guid PositionId, string? Kind, string? Title);
