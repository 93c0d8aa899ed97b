using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Correspondence.Timeline;

/// <summary>Puts Disposition's events on the letter's timeline, and lets the positions a disposition reached see the letter.</summary>
public static class DispositionTimeline
{
    /// <summary>Appends an entry when the letter is ours.</summary>
    public static async Task AppendAsync(UnitOfWork uow, OrgChart org, Guid letterId, string action, Guid fromPosition, Guid toPosition,
        DateTimeOffset at, object? extra, CancellationToken ct)
    {
        if (!await uow.ExecuteScalarAsync<bool>("select exists (select 1 from letters where id = @letterId)", new { letterId }))
        {
            return;
        }

        var from = await org.PositionAsync(fromPosition, ct, uow);
        var to = await org.PositionAsync(toPosition, ct, uow);
        await LetterTimeline.AppendAsync(uow, letterId, null, fromPosition, action,
            new { from = from?.Title, to = to?.Title, fromPositionId = fromPosition, toPositionId = toPosition, extra }, at);
    }
}

/// <summary>A disposition was created: on the timeline, and its recipient may see the letter.</summary>
public sealed class DispositionCreatedConsumer(Db db, OrgChart org) : IdempotentConsumer<DispositionCreated>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(DispositionCreated m, UnitOfWork uow, CancellationToken ct)
    {
        await uow.ExecuteAsync(
            """
            insert into letter_disposition_positions (letter_id, position_id, dispositions) values (@LetterId, @ToPositionId, 1)
            on conflict (letter_id, position_id) do update set dispositions = letter_disposition_positions.dispositions + 1
            """, m);
        await DispositionTimeline.AppendAsync(uow, org, m.LetterId, "disposed", m.FromPositionId, m.ToPositionId, m.OccurredAt,
            new { m.Instructions, m.Note, m.DueAt, m.DispositionId }, ct);
    }
}

/// <summary>A follow-up was reported.</summary>
public sealed class DispositionFollowedUpConsumer(Db db, OrgChart org) : IdempotentConsumer<DispositionFollowedUp>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(DispositionFollowedUp m, UnitOfWork uow, CancellationToken ct) =>
        DispositionTimeline.AppendAsync(uow, org, m.LetterId, "disposition-followed-up", m.FromPositionId, m.ToPositionId, m.OccurredAt,
            new { m.Note, m.DispositionId }, ct);
}

/// <summary>A disposition was completed.</summary>
public sealed class DispositionCompletedConsumer(Db db, OrgChart org) : IdempotentConsumer<DispositionCompleted>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(DispositionCompleted m, UnitOfWork uow, CancellationToken ct) =>
        DispositionTimeline.AppendAsync(uow, org, m.LetterId, "disposition-completed", m.FromPositionId, m.ToPositionId, m.OccurredAt,
            new { m.DispositionId, m.LetterCompleted }, ct);
}

/// <summary>A disposition was cancelled before it was read: its recipient no longer sees the letter through it (unless another reached them).</summary>
public sealed class DispositionCancelledConsumer(Db db, OrgChart org) : IdempotentConsumer<DispositionCancelled>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(DispositionCancelled m, UnitOfWork uow, CancellationToken ct)
    {
        await uow.ExecuteAsync(
            """
            update letter_disposition_positions set dispositions = dispositions - 1 where letter_id = @LetterId and position_id = @ToPositionId;
            delete from letter_disposition_positions where letter_id = @LetterId and position_id = @ToPositionId and dispositions <= 0;
            """, m);
        await DispositionTimeline.AppendAsync(uow, org, m.LetterId, "disposition-cancelled", m.FromPositionId, m.ToPositionId, m.OccurredAt,
            new { m.DispositionId }, ct);
    }
}

/// <summary>A disposition became overdue.</summary>
public sealed class DispositionOverdueConsumer(Db db, OrgChart org) : IdempotentConsumer<DispositionOverdue>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(DispositionOverdue m, UnitOfWork uow, CancellationToken ct) =>
        DispositionTimeline.AppendAsync(uow, org, m.LetterId, "disposition-overdue", m.FromPositionId, m.ToPositionId, m.OccurredAt,
            new { m.DispositionId, m.DueAt }, ct);
}
