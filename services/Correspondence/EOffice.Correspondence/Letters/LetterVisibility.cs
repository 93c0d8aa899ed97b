using EOffice.Contracts;

namespace EOffice.Correspondence.Letters;

/// <summary>Who is involved in a letter, by position (the relations visibility is decided on).</summary>
public sealed record LetterInvolvement(
    string Security,
    string Status,
    Guid DrafterUserId,
    Guid? DrafterPositionId,
    IReadOnlyCollection<Guid> ReviewerPositions,
    Guid? SignerPosition,
    IReadOnlyCollection<Guid> RecipientPositions,
    IReadOnlyCollection<Guid> DispositionPositions,
    IReadOnlyCollection<Guid> InvolvedUnits,
    IReadOnlyCollection<Guid>? ForwardPositions = null);

/// <summary>
/// Who is looking: their user id, the positions they hold or act for today, the units they are secretariat of,
/// and the position they act from by default (the one they hold now).
/// </summary>
public sealed record Viewer(Guid UserId, IReadOnlySet<Guid> Positions, IReadOnlySet<Guid> SecretariatUnits, Guid? Position = null);

/// <summary>
/// Visibility (UU 43/2009 security classification): <c>Biasa</c> and <c>Terbatas</c> letters are seen by
/// those involved (drafter, reviewers, signer, recipients once delivered, positions a disposition
/// reached) and by the secretariat of the units involved; <c>Rahasia</c> and <c>SangatRahasia</c>
/// only by drafter, reviewers, signer, recipients and the disposition chain (need-to-know: whoever a
/// letter is disposed to must read it). Positions a letter was forwarded to see it unless it is secret.
/// Acting holders count as holders. Anyone else is told the
/// letter does not exist.
/// </summary>
public static class LetterVisibility
{
    /// <summary>Whether the viewer may see the letter at all.</summary>
    public static bool CanSee(LetterInvolvement letter, Viewer viewer)
    {
        bool Holds(Guid? p) => p is { } id && viewer.Positions.Contains(id);
        var delivered = letter.Status is LetterStatus.Sent or LetterStatus.Received;

        var direct = viewer.UserId == letter.DrafterUserId
            || Holds(letter.DrafterPositionId)
            || Holds(letter.SignerPosition)
            || letter.ReviewerPositions.Any(p => Holds(p))
            || (delivered && letter.RecipientPositions.Any(p => Holds(p)))
            || (delivered && letter.DispositionPositions.Any(p => Holds(p)));
        if (direct)
        {
            return true;
        }

        if (SecurityLevels.IsSecret(letter.Security))
        {
            return false;
        }

        // A forward (teruskan) passes on only what is not secret: a Rahasia letter is never forwarded, and
        // a forward never makes one visible.
        if (delivered && (letter.ForwardPositions ?? []).Any(p => Holds(p)))
        {
            return true;
        }

        var secretariatStage = letter.Status is LetterStatus.Signed or LetterStatus.Sent or LetterStatus.Received;
        return secretariatStage && letter.InvolvedUnits.Any(viewer.SecretariatUnits.Contains);
    }
}
