namespace EOffice.Contracts;

/// <summary>
/// One service's share of a position's pending work, answered on its internal endpoint
/// <c>GET /internal/positions/{id}/pending</c> (internal key) for Directory to compose before a transfer (mutasi).
/// </summary>
/// <param name="Counts">Counts by kind, e.g. <c>drafts</c>, <c>toReview</c>, <c>toSign</c>, <c>unreadIncoming</c>, <c>openDispositions</c>.</param>
/// <param name="Items">The first few of each kind, newest first.</param>
public sealed record PendingWorkPart(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<PendingWorkItem> Items);

/// <summary>
/// One piece of pending work. Metadata only: the subject is there for <c>Biasa</c> letters alone, as on the public exchanges.
/// </summary>
public sealed record PendingWorkItem(
    string Kind, Guid LetterId, Guid? DispositionId, string? Number, string? Subject, string Security, DateTimeOffset At);

/// <summary>The kinds of pending work and how many items of each the services list.</summary>
public static class PendingWorkKinds
{
    /// <summary>Drafts of the position.</summary>
    public const string Drafts = "drafts";

    /// <summary>Letters waiting for the position's review.</summary>
    public const string ToReview = "toReview";

    /// <summary>Letters waiting for the position's signature.</summary>
    public const string ToSign = "toSign";

    /// <summary>Letters the position signed that are not sent yet.</summary>
    public const string ToSend = "toSend";

    /// <summary>Letters delivered to the position's inbox and not read.</summary>
    public const string UnreadIncoming = "unreadIncoming";

    /// <summary>Dispositions addressed to the position, not completed or cancelled.</summary>
    public const string OpenDispositions = "openDispositions";

    /// <summary>How many items of each kind a service lists.</summary>
    public const int ItemsPerKind = 5;
}
