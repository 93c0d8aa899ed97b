using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Disposition.Pending;

/// <summary>
/// A position's open dispositions (not completed or cancelled), for an admin about to move its holder
/// (mutasi). They are addressed to the position, so whoever holds it next (or its Plt) carries them on.
/// </summary>
public sealed class PendingDispositions(Db db)
{
    /// <summary>How many are open and the newest few.</summary>
    public async Task<PendingWorkPart> OfAsync(Guid positionId, CancellationToken ct)
    {
        var count = await db.ExecuteScalarAsync<int>(
            "select count(*)::int from dispositions where to_position_id = @positionId and status in ('Open', 'Read', 'InProgress')",
            new { positionId }, ct);
        var rows = await db.QueryAsync<ItemRow>(
            """
            select d.id as disposition_id, d.letter_id, lr.number, case when lr.security = 'Biasa' then lr.subject end as subject,
                   coalesce(lr.security, 'Biasa') as security, d.created_at as pending_at
            from dispositions d
            left join lateral (select number, subject, security from letter_receipts x where x.letter_id = d.letter_id limit 1) lr on true
            where d.to_position_id = @positionId and d.status in ('Open', 'Read', 'InProgress')
            order by d.created_at desc, d.id
            limit @take
            """, new { positionId, take = PendingWorkKinds.ItemsPerKind }, ct);
        return new PendingWorkPart(
            new Dictionary<string, int>(StringComparer.Ordinal) { [PendingWorkKinds.OpenDispositions] = count },
            rows.Select(r => new PendingWorkItem(PendingWorkKinds.OpenDispositions, r.LetterId, r.DispositionId, r.Number, r.Subject, r.Security, r.PendingAt)).ToList());
    }

    private sealed class ItemRow
    {
        public Guid DispositionId { get; init; }
        public Guid LetterId { get; init; }
        public string? Number { get; init; }
        public string? Subject { get; init; }
        public string Security { get; init; } = "";
        public DateTimeOffset PendingAt { get; init; }
    }
}
