using EOffice.Archive.Search;
using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Records;

/// <summary>A legal hold.</summary>
public sealed record HoldRequest(string? Reason);

/// <summary>A hold placed or lifted, with its reason (from the audit trail).</summary>
public sealed record HoldEvent
{
    public string Action { get; init; } = "";
    public string? Reason { get; init; }
    public Guid? ByUserId { get; init; }
    public string? ByName { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>Legal holds on records: a held record is neither destroyed nor transferred until the hold is lifted.</summary>
public sealed class RecordHolds(Db db, OrgChart org, RecordSearch search)
{
    /// <summary>
    /// Places (<paramref name="hold"/>) or lifts a hold, with its reason, on a record of the caller's agency (they are its archivist);
    /// the record as it is now.
    /// </summary>
    public async Task<RecordView?> SetAsync(Guid id, bool hold, string? reason, Caller caller, CancellationToken ct)
    {
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var record = await search.GetAsync(id, scope, ct);
        if (record is null || !scope.IsArchivistOf(record.UnitId))
        {
            throw ProblemException.NotFound("record");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ProblemException.Invalid("reason", hold
                ? "Tuliskan alasan penahanan (mis. perkara yang memerlukan arsip ini sebagai bukti)."
                : "Tuliskan alasan pencabutan penahanan.");
        }

        if (reason.Length > 1000)
        {
            throw ProblemException.Invalid("reason", "Paling banyak 1000 karakter.");
        }

        if (!hold && !record.Hold)
        {
            throw ProblemException.Conflict("not-held", "Arsip ini tidak sedang ditahan.");
        }

        if (record.State is RecordStates.Destroyed)
        {
            throw ProblemException.Conflict("wrong-state", "A destroyed record cannot be held.");
        }

        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("update records set hold = @hold, hold_reason = case when @hold then @reason end, updated_at = now() where id = @id", new { id, hold, reason });
        await uow.AuditAsync(caller.UserId, hold ? "hold-placed" : "hold-lifted", "record", id, new { reason });
        await uow.CommitAsync();
        return await search.GetAsync(id, scope, ct);
    }

    /// <summary>The holds placed on and lifted from a record the caller may see, newest first (from the audit trail); 404 otherwise.</summary>
    public async Task<IReadOnlyList<HoldEvent>> HistoryAsync(Guid id, Caller caller, CancellationToken ct)
    {
        _ = await search.GetAsync(id, await RecordScope.OfAsync(caller, org, ct), ct) ?? throw ProblemException.NotFound("record");
        return await db.QueryAsync<HoldEvent>(
            """
            select case a.action when 'hold-placed' then 'Placed' else 'Lifted' end as action, a.detail ->> 'reason' as reason,
                   a.actor_user_id as by_user_id, u.name as by_name, a.at
            from audit_log a left join org_users u on u.id = a.actor_user_id
            where a.entity = 'record' and a.entity_id = @id and a.action in ('hold-placed', 'hold-lifted')
            order by a.at desc, a.id desc
            """, new { id }, ct);
    }
}
