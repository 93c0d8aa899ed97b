using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Forwarding;

/// <summary>Forward a letter: <c>{ to: [{ positionId }], note? }</c>.</summary>
public sealed record ForwardRequest(IReadOnlyList<ForwardTarget>? To, string? Note);

/// <summary>A position inside the city to forward to.</summary>
public sealed record ForwardTarget(Guid? PositionId);

/// <summary>A forward as the API shows it.</summary>
public sealed record ForwardView(Guid Id, Guid LetterId, PositionRef From, string? FromName, IReadOnlyList<PositionRef> To, string? Note, DateTimeOffset ForwardedAt);

/// <summary>
/// The rules of forwarding (teruskan) as plain checks. A letter is forwarded by a position that received it:
/// an addressee or cc it was delivered to, a position a disposition reached, or one it was forwarded to
/// before. Rahasia and Sangat Rahasia letters are read only by their addressees, drafter, reviewers, signer
/// and disposition chain (DOMAIN.md), so they are never forwarded: a disposition routes them down the chain.
/// </summary>
public static class ForwardRules
{
    /// <summary>Largest note, in characters.</summary>
    public const int MaxNote = 2000;

    /// <summary>Most positions in one forward.</summary>
    public const int MaxTargets = 50;

    /// <summary>Checks the request's shape (400 naming the field).</summary>
    public static void Validate(ForwardRequest r)
    {
        var errors = new FieldErrors();
        errors.Check(r.To is { Count: > 0 }, "to", "At least one position.");
        errors.Check((r.To?.Count ?? 0) <= MaxTargets, "to", $"At most {MaxTargets} positions.");
        for (var i = 0; i < (r.To?.Count ?? 0); i++)
        {
            errors.Check(r.To![i].PositionId is { } p && p != Guid.Empty, $"to[{i}].positionId", "Required.");
        }

        errors.Check(r.Note is null || r.Note.Length <= MaxNote, "note", $"At most {MaxNote} characters.");
        errors.ThrowIfAny();
    }

    /// <summary>
    /// The position the viewer received the letter as (the one they hold now first), or null when the letter
    /// never reached any of their positions.
    /// </summary>
    public static Guid? ReceivedAs(LetterAggregate a, Viewer viewer)
    {
        if (a.Letter.Status is not (LetterStatus.Sent or LetterStatus.Received))
        {
            return null;
        }

        var received = a.Recipients.Where(r => r.DeliveredAt is not null && r.TargetPositionId is not null).Select(r => r.TargetPositionId!.Value)
            .Concat(a.DispositionPositions).Concat(a.ForwardPositions).ToHashSet();
        if (viewer.Position is { } held && received.Contains(held))
        {
            return held;
        }

        return viewer.Positions.Where(received.Contains).Order().Cast<Guid?>().FirstOrDefault();
    }

    /// <summary>Refuses what may not be forwarded at all: a letter the caller did not receive, or a secret one (403).</summary>
    public static Guid RequireForwardable(LetterAggregate a, Viewer viewer)
    {
        var from = ReceivedAs(a, viewer)
            ?? throw ProblemException.Forbidden("Only a letter you received (as addressee, cc, by disposition or by forward) can be forwarded.");
        if (SecurityLevels.IsSecret(a.Letter.Security))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "secret-letter", "Forbidden",
                $"A {a.Letter.Security} letter cannot be forwarded: only its addressees, drafter, reviewers, signer and disposition chain may read it. Use a disposition instead.");
        }

        return from;
    }

    /// <summary>
    /// Checks the positions against the letter (400 naming the field): known in the org chart, not the caller's own,
    /// not already an addressee or cc it was delivered to. Returns them without repeats.
    /// </summary>
    public static IReadOnlyList<Guid> Targets(ForwardRequest r, LetterAggregate a, Viewer viewer, IReadOnlySet<Guid> known)
    {
        var errors = new FieldErrors();
        var delivered = a.Recipients.Where(x => x.DeliveredAt is not null && x.TargetPositionId is not null).Select(x => x.TargetPositionId!.Value).ToHashSet();
        var targets = new List<Guid>();
        for (var i = 0; i < r.To!.Count; i++)
        {
            var p = r.To[i].PositionId!.Value;
            var field = $"to[{i}].positionId";
            if (!known.Contains(p))
            {
                errors.Add(field, "No such position.");
            }
            else if (viewer.Positions.Contains(p))
            {
                errors.Add(field, "That is your own position.");
            }
            else if (delivered.Contains(p))
            {
                errors.Add(field, "This position already received the letter as addressee or cc.");
            }
            else if (!targets.Contains(p))
            {
                targets.Add(p);
            }
        }

        errors.ThrowIfAny();
        return targets;
    }
}
