using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Pending;

/// <summary>
/// A position's pending letters, for an admin about to move its holder (mutasi): its drafts, letters
/// waiting for its review or signature, letters it signed but did not send, and its unread inbox.
/// They stay with the position, so whoever holds it next (or its Plt) finds them where they were.
/// </summary>
public sealed class PendingLetters(Db db)
{
    // The same conditions as the mailbox's drafts, tasks and inbox folders, for one position.
    private static readonly (string Kind, string Where, string At)[] Kinds =
    [
        (PendingWorkKinds.Drafts, "from letters l where l.status = 'Draft' and l.drafter_position_id = @positionId", "l.updated_at"),
        (PendingWorkKinds.ToReview,
            """
            from letters l where l.status = 'InReview' and exists (
                select 1 from letter_reviewers lr where lr.letter_id = l.id and lr.step = l.review_step and lr.position_id = @positionId)
            """, "l.updated_at"),
        (PendingWorkKinds.ToSign,
            """
            from letters l where l.status = 'InReview' and l.signer_position_id = @positionId
                and l.review_step = (select count(*) from letter_reviewers lr where lr.letter_id = l.id) + 1
            """, "l.updated_at"),
        (PendingWorkKinds.ToSend, "from letters l where l.status = 'Signed' and l.signer_position_id = @positionId", "l.signed_at"),
        (PendingWorkKinds.UnreadIncoming,
            """
            from letter_recipients r join letters l on l.id = r.letter_id
            where r.target_position_id = @positionId and not r.cc and r.delivered_at is not null and r.read_at is null
            """, "r.delivered_at"),
    ];

    /// <summary>Counts of each kind and the newest few of each.</summary>
    public async Task<PendingWorkPart> OfAsync(Guid positionId, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<PendingWorkItem>();
        foreach (var (kind, where, at) in Kinds)
        {
            counts[kind] = await db.ExecuteScalarAsync<int>($"select count(*)::int {where}", new { positionId }, ct);
            var rows = await db.QueryAsync<ItemRow>(
                $"""
                select l.id as letter_id, l.number, case when l.security = 'Biasa' then l.subject end as subject, l.security,
                       coalesce({at}, l.updated_at) as pending_at
                {where}
                order by pending_at desc, l.id
                limit @take
                """, new { positionId, take = PendingWorkKinds.ItemsPerKind }, ct);
            items.AddRange(rows.Select(r => new PendingWorkItem(kind, r.LetterId, null, r.Number, r.Subject, r.Security, r.PendingAt)));
        }

        return new PendingWorkPart(counts, items);
    }

    private sealed class ItemRow
    {
        public Guid LetterId { get; init; }
        public string? Number { get; init; }
        public string? Subject { get; init; }
        public string Security { get; init; } = "";
        public DateTimeOffset PendingAt { get; init; }
    }
}
