using EOffice.Org;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Who may sign (DOMAIN.md, "Who may sign"): naskah dinas are signed by officials, the head of the
/// drafter's unit or of a unit above it in the drafter's chain of superiors, or a position a
/// delegation lets sign for one of them. A position heading a unit may sign its own letter; staff
/// without such a position cannot be the signer.
/// </summary>
public static class SigningAuthority
{
    /// <summary>What a client is told when the signer may not sign.</summary>
    public const string Refusal =
        "The signer must be an official: the head of the drafter's unit or of a unit above it in the drafter's chain of superiors.";

    /// <summary>
    /// Whether <paramref name="signer"/> may sign a letter drafted by the first position of <paramref name="drafterChain"/>.
    /// </summary>
    /// <param name="signer">The proposed signer position.</param>
    /// <param name="drafterChain">The drafter's position and every position above it, nearest first (empty without a drafter position).</param>
    /// <param name="signsFor">
    /// Positions a delegation (a.n./u.b.) lets the signer sign for (the delegator a draft names): the signer may sign
    /// whenever one of these positions could.
    /// </param>
    public static bool MaySign(OrgPosition signer, IReadOnlyList<OrgPosition> drafterChain, IReadOnlyCollection<OrgPosition> signsFor) =>
        IsOfficialFor(signer, drafterChain) || signsFor.Any(p => IsOfficialFor(p, drafterChain));

    /// <summary>Whether a position heads the drafter's unit or the unit of one of the drafter's superiors.</summary>
    public static bool IsOfficialFor(OrgPosition position, IReadOnlyList<OrgPosition> drafterChain) =>
        position.IsUnitHead && drafterChain.Any(p => p.UnitId == position.UnitId);
}
