using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Letters;

/// <summary>What a person does to a letter; each is allowed only in the states <see cref="LetterLifecycle"/> lists.</summary>
public enum LetterAction
{
    /// <summary>The drafter changes the content.</summary>
    Edit,

    /// <summary>Files are added (a draft's, or the scan of a registered incoming letter).</summary>
    Attach,

    /// <summary>The drafter throws a draft away (the row is deleted).</summary>
    Discard,

    /// <summary>The drafter sends it to the first reviewer (or straight to the signer).</summary>
    Submit,

    /// <summary>A reviewer passes it on to the next step.</summary>
    Approve,

    /// <summary>A reviewer or the signer gives it back to the drafter with a comment.</summary>
    Return,

    /// <summary>The signer signs: number, date, seal and the signed PDF.</summary>
    Sign,

    /// <summary>The signer or the secretariat delivers it to every recipient.</summary>
    Send,
}

/// <summary>
/// A letter's life as data (Permendagri 1/2023's konsep → paraf → tanda tangan → kirim): which action is allowed in
/// which state and the state it leads to. The flows ask <see cref="Next"/> and write what it answers; nothing else
/// decides a letter's status.
/// </summary>
public static class LetterLifecycle
{
    /// <summary>The state a discarded draft would be in: it is deleted, so this is never stored.</summary>
    public const string Discarded = "Discarded";

    private static readonly Dictionary<(string From, LetterAction Action), string> Transitions = new()
    {
        [(LetterStatus.Draft, LetterAction.Edit)] = LetterStatus.Draft,
        [(LetterStatus.Draft, LetterAction.Attach)] = LetterStatus.Draft,
        [(LetterStatus.Received, LetterAction.Attach)] = LetterStatus.Received,
        [(LetterStatus.Draft, LetterAction.Discard)] = Discarded,
        [(LetterStatus.Draft, LetterAction.Submit)] = LetterStatus.InReview,
        [(LetterStatus.InReview, LetterAction.Approve)] = LetterStatus.InReview,
        [(LetterStatus.InReview, LetterAction.Return)] = LetterStatus.Draft,
        [(LetterStatus.InReview, LetterAction.Sign)] = LetterStatus.Signed,
        [(LetterStatus.Signed, LetterAction.Send)] = LetterStatus.Sent,
    };

    /// <summary>Every transition, for documentation and tests.</summary>
    public static IEnumerable<(string From, LetterAction Action, string To)> All =>
        Transitions.Select(t => (t.Key.From, t.Key.Action, t.Value));

    /// <summary>The states in which <paramref name="action"/> is allowed.</summary>
    public static IReadOnlyList<string> AllowedIn(LetterAction action) =>
        [.. Transitions.Keys.Where(k => k.Action == action).Select(k => k.From)];

    /// <summary>Whether <paramref name="action"/> is allowed in <paramref name="state"/>.</summary>
    public static bool Allows(string state, LetterAction action) => Transitions.ContainsKey((state, action));

    /// <summary>The state <paramref name="action"/> leads to from <paramref name="state"/>, or 409 <c>wrong-state</c> naming the states that allow it.</summary>
    public static string Next(string state, LetterAction action) =>
        Transitions.TryGetValue((state, action), out var next)
            ? next
            : throw ProblemException.Conflict("wrong-state",
                $"A letter in state {state} cannot be {PastTense(action)}; it must be {string.Join(" or ", AllowedIn(action))}.");

    private static string PastTense(LetterAction action) => action switch
    {
        LetterAction.Edit => "edited",
        LetterAction.Attach => "given attachments",
        LetterAction.Discard => "discarded",
        LetterAction.Submit => "submitted",
        LetterAction.Approve => "reviewed",
        LetterAction.Return => "returned",
        LetterAction.Sign => "signed",
        LetterAction.Send => "sent",
        _ => action.ToString().ToLowerInvariant(),
    };
}
