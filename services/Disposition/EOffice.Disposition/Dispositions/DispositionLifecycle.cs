using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>What a person does to a disposition.</summary>
public enum DispositionAction
{
    /// <summary>The assignee opens it.</summary>
    Read,

    /// <summary>The assignee works on it: a follow-up, or a forward further down.</summary>
    Work,

    /// <summary>The assignee reports it done.</summary>
    Complete,

    /// <summary>The sender withdraws it while it is unread.</summary>
    Cancel,
}

/// <summary>
/// A disposition's life as data: Open → Read → InProgress → Completed, or Open → Cancelled while unread. The store
/// asks <see cref="Next"/> and writes what it answers; nothing else decides a disposition's status.
/// </summary>
public static class DispositionLifecycle
{
    private static readonly Dictionary<(string From, DispositionAction Action), string> Transitions = new()
    {
        [(DispositionStatus.Open, DispositionAction.Read)] = DispositionStatus.Read,
        [(DispositionStatus.Read, DispositionAction.Read)] = DispositionStatus.Read,
        [(DispositionStatus.InProgress, DispositionAction.Read)] = DispositionStatus.InProgress,
        [(DispositionStatus.Open, DispositionAction.Work)] = DispositionStatus.InProgress,
        [(DispositionStatus.Read, DispositionAction.Work)] = DispositionStatus.InProgress,
        [(DispositionStatus.InProgress, DispositionAction.Work)] = DispositionStatus.InProgress,
        [(DispositionStatus.Open, DispositionAction.Complete)] = DispositionStatus.Completed,
        [(DispositionStatus.Read, DispositionAction.Complete)] = DispositionStatus.Completed,
        [(DispositionStatus.InProgress, DispositionAction.Complete)] = DispositionStatus.Completed,
        [(DispositionStatus.Open, DispositionAction.Cancel)] = DispositionStatus.Cancelled,
    };

    /// <summary>Every transition, for documentation and tests.</summary>
    public static IEnumerable<(string From, DispositionAction Action, string To)> All =>
        Transitions.Select(t => (t.Key.From, t.Key.Action, t.Value));

    /// <summary>Whether <paramref name="action"/> is allowed in <paramref name="state"/>.</summary>
    public static bool Allows(string state, DispositionAction action) => Transitions.ContainsKey((state, action));

    /// <summary>
    /// The state <paramref name="action"/> leads to, or 409 <c>wrong-state</c> saying "A Completed disposition cannot be
    /// <paramref name="verb"/>." (<paramref name="verb"/> as the caller's action reads: <c>forwarded</c>, <c>followed up</c>, …).
    /// </summary>
    public static string Next(string state, DispositionAction action, string verb) =>
        Transitions.TryGetValue((state, action), out var next)
            ? next
            : throw ProblemException.Conflict("wrong-state", $"A {state} disposition cannot be {verb}.");
}
