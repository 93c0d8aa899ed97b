using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>Disposing, forwarding, completing and cancelling: the changes of a disposition's life (follow-ups: <see cref="FollowUpStore"/>).</summary>
public sealed class DispositionStore(Db db, OrgChart org, DispositionSettings settings, TimeProvider clock)
{
    /// <summary>Disposes a received letter from one of the caller's positions to subordinate positions.</summary>
    public async Task<IReadOnlyList<Guid>> DisposeAsync(Guid letterId, DisposeRequest r, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        // The caller's positions that received the letter or had it disposed to them.
        var entitled = await uow.QueryAsync<Guid>(
            """
            select position_id from letter_receipts where letter_id = @letterId and position_id = any(@mine)
            union
            select to_position_id from dispositions where letter_id = @letterId and to_position_id = any(@mine) and status <> 'Cancelled'
            """, new { letterId, mine = mine.ToArray() });
        if (entitled.Count == 0)
        {
            throw ProblemException.NotFound("letter");
        }

        var from = r.FromPositionId ?? entitled[0];
        if (!entitled.Contains(from))
        {
            throw ProblemException.Forbidden("You may dispose this letter only from a position it reached.");
        }

        var parent = await uow.QuerySingleOrDefaultAsync<DispositionRow>(
            DispositionRow.Select + " where letter_id = @letterId and to_position_id = @from and status <> 'Cancelled' order by created_at desc limit 1",
            new { letterId, from });
        var ids = await CreateAsync(uow, letterId, parent, from, r, caller, ct);
        await uow.CommitAsync();
        return ids;
    }

    /// <summary>Forwards a disposition the caller received further down.</summary>
    public async Task<IReadOnlyList<Guid>> ForwardAsync(Guid id, DisposeRequest r, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await VisibleAsync(uow, id, mine);
        if (!mine.Contains(d.ToPositionId))
        {
            throw ProblemException.Forbidden("Only the recipient of a disposition may forward it.");
        }

        _ = DispositionLifecycle.Next(d.Status, DispositionAction.Work, "forwarded");
        var ids = await CreateAsync(uow, d.LetterId, d, d.ToPositionId, r with { FromPositionId = d.ToPositionId }, caller, ct);
        await MarkReadAsync(uow, d, caller, inProgress: true);
        await uow.CommitAsync();
        return ids;
    }

    private async Task<IReadOnlyList<Guid>> CreateAsync(UnitOfWork uow, Guid letterId, DispositionRow? parent, Guid from, DisposeRequest r, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parentId = parent?.Id;
        var instructions = (await uow.QueryAsync<string>("select code from instructions where active")).ToHashSet(StringComparer.Ordinal);
        DispositionRules.Validate(r, instructions, now, parent?.DueAt);
        foreach (var to in r.To!)
        {
            if (!await org.IsBelowAsync(to, from, ct, uow))
            {
                throw ProblemException.Forbidden("A disposition goes only to positions below yours in the org chart.");
            }
        }

        var urgency = await uow.ExecuteScalarAsync<string>(
            "select urgency from letter_receipts where letter_id = @letterId order by received_at limit 1", new { letterId }) ?? UrgencyLevels.Biasa;
        var due = DispositionRules.Due(r.DueAt, urgency, now, settings.BiasaWorkingDays, parent?.DueAt);
        var actingKind = await org.ActingKindAsync(caller.UserId, from, ct, uow);
        var ids = new List<Guid>();
        foreach (var to in r.To!)
        {
            var id = Guid.CreateVersion7();
            await uow.ExecuteAsync(
                """
                insert into dispositions (id, letter_id, parent_id, from_position_id, from_user_id, from_acting_kind, to_position_id, instructions, note, due_at, priority)
                values (@id, @letterId, @parentId, @from, @userId, @actingKind, @to, @instructions, @Note, @due, @priority)
                """,
                new { id, letterId, parentId, from, userId = caller.UserId, actingKind, to, instructions = r.Instructions!.ToArray(), r.Note, due, priority = r.Priority ?? "Normal" });
            await uow.PublishAsync(new DispositionCreated(id, letterId, parentId, from, to, r.Instructions!, r.Note, due, r.Priority ?? "Normal", now));
            await uow.AuditAsync(caller.UserId, "disposition-created", "disposition", id, new { letterId, from, to });
            ids.Add(id);
        }

        return ids;
    }


    /// <summary>Completes it (the assignee only).</summary>
    public async Task CompleteAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await AssignedAsync(uow, id, mine, "completed");
        var next = DispositionLifecycle.Next(d.Status, DispositionAction.Complete, "completed");
        DispositionRules.RequireChildrenClosed(await uow.QueryAsync<DispositionRow>(DispositionRow.Select + " where parent_id = @id", new { id }));
        var now = clock.GetUtcNow();
        await uow.ExecuteAsync(
            """
            update dispositions set status = @next, completed_at = @now, late = @late, read_at = coalesce(read_at, @now),
                read_by_user_id = coalesce(read_by_user_id, @userId), updated_at = now()
            where id = @id
            """, new { id, next, userId = caller.UserId, now, late = DispositionRules.IsLate(d.DueAt, now) });
        var open = await uow.ExecuteScalarAsync<int>(
            "select count(*)::int from dispositions where letter_id = @letterId and status not in ('Completed', 'Cancelled')", new { d.LetterId });
        await uow.PublishAsync(new DispositionCompleted(id, d.LetterId, d.FromPositionId, d.ToPositionId, open == 0, now)
        {
            Late = DispositionRules.IsLate(d.DueAt, now),
        });
        await uow.CommitAsync();
    }

    /// <summary>Cancels it: its sender only, and only while it is unread.</summary>
    public async Task CancelAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await VisibleAsync(uow, id, mine);
        if (!mine.Contains(d.FromPositionId))
        {
            throw ProblemException.Forbidden("Only the sender of a disposition may cancel it.");
        }

        if (d.ReadAt is not null && !DispositionLifecycle.Allows(d.Status, DispositionAction.Cancel))
        {
            throw ProblemException.Conflict("wrong-state", "The recipient has already read this disposition; it can no longer be cancelled.");
        }

        var next = DispositionLifecycle.Next(d.Status, DispositionAction.Cancel, "cancelled");
        await uow.ExecuteAsync("update dispositions set status = @next, cancelled_at = now(), updated_at = now() where id = @id", new { id, next });
        await uow.PublishAsync(new DispositionCancelled(id, d.LetterId, d.FromPositionId, d.ToPositionId, clock.GetUtcNow()));
        await uow.AuditAsync(caller.UserId, "disposition-cancelled", "disposition", id);
        await uow.CommitAsync();
    }


    // One rule for the tree and a single disposition: the branches the caller is on (DispositionRules.VisibleTo).
    internal static async Task<DispositionRow> VisibleAsync(UnitOfWork uow, Guid id, IReadOnlyList<Guid> mine)
    {
        var letter = await uow.QueryAsync<DispositionRow>(
            DispositionRow.Select + " where letter_id = (select letter_id from dispositions where id = @id)", new { id });
        if (!DispositionRules.VisibleTo(letter, mine).Contains(id))
        {
            throw ProblemException.NotFound("disposition");
        }

        return await uow.QuerySingleOrDefaultAsync<DispositionRow>(DispositionRow.Select + " where id = @id for update", new { id })
            ?? throw ProblemException.NotFound("disposition");
    }

    internal static async Task<DispositionRow> AssignedAsync(UnitOfWork uow, Guid id, IReadOnlyList<Guid> mine, string action)
    {
        var d = await VisibleAsync(uow, id, mine);
        if (!mine.Contains(d.ToPositionId))
        {
            throw ProblemException.Forbidden($"Only the recipient of a disposition may have it {action}.");
        }

        // Every action of the assignee needs a disposition that is still open (Completed and Cancelled are final).
        _ = DispositionLifecycle.Next(d.Status, DispositionAction.Work, action);
        return d;
    }

    // d was read under its row lock (VisibleAsync), so its status is current; a closed one stays as it is.
    internal static Task MarkReadAsync(UnitOfWork uow, DispositionRow d, Caller caller, bool inProgress)
    {
        var action = inProgress ? DispositionAction.Work : DispositionAction.Read;
        if (!DispositionLifecycle.Allows(d.Status, action))
        {
            return Task.CompletedTask;
        }

        return uow.ExecuteAsync(
            """
            update dispositions set read_at = coalesce(read_at, now()), read_by_user_id = coalesce(read_by_user_id, @userId),
                status = @next, updated_at = now()
            where id = @Id
            """, new { d.Id, userId = caller.UserId, next = DispositionLifecycle.Next(d.Status, action, "read") });
    }

}
