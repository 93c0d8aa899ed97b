using EOffice.Archive.Classification;
using EOffice.Archive.Disposal;
using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Background;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Archive.Lifecycle;

/// <summary>
/// Moves records along their retention: Active → Inactive when active retention has run out,
/// Active/Inactive → DueForDisposal when inactive retention has (publishing
/// <see cref="RecordDueForDisposal"/>). Held records stay where they are. Replica-safe and
/// repeatable: each batch is a conditional update that only one job can apply to a row.
/// </summary>
/// <remarks>Runs every <see cref="ArchiveSettings.LifecycleInterval"/>; a failed run is retried at the next interval.</remarks>
public sealed partial class LifecycleJob(Db db, OrgChart org, ArchiveSettings settings, TimeProvider clock, ILogger<LifecycleJob> logger)
    : PollingService(new PollingSchedule(settings.LifecycleInterval) { FirstRetry = settings.LifecycleInterval, MaxRetry = settings.LifecycleInterval },
        clock, logger)
{
    /// <summary>Runs until nothing is left to move; returns (to inactive, to due).</summary>
    public async Task<(int Inactive, int Due)> RunOnceAsync(CancellationToken ct)
    {
        var today = org.Today;
        int inactive = 0, due = 0;
        while (true)
        {
            await using var uow = await db.BeginAsync(ct);
            var moved = await uow.QueryAsync<MovedRow>(FallDueSql, new { today, batch = settings.LifecycleBatchSize, state = RecordLifecycle.Target(RecordAction.FallDue) });
            foreach (var r in moved)
            {
                await uow.PublishAsync(new RecordDueForDisposal(r.Id, r.LetterId, r.UnitId, r.ClassificationCode, RecordLifecycle.Target(RecordAction.FallDue),
                    r.FinalDisposition, Time.GetUtcNow()));
            }

            var toInactive = await uow.ExecuteAsync(RetireSql, new { today, batch = settings.LifecycleBatchSize, state = RecordLifecycle.Target(RecordAction.Retire) });
            await uow.CommitAsync();
            due += moved.Count;
            inactive += toInactive;
            if (moved.Count < settings.LifecycleBatchSize && toInactive < settings.LifecycleBatchSize)
            {
                return (inactive, due);
            }
        }
    }

    /// <summary>One run, logging what moved.</summary>
    protected override async Task<PollResult> PollAsync(CancellationToken ct)
    {
        var (inactive, due) = await RunOnceAsync(ct);
        if (inactive + due > 0)
        {
            LogMoved(Logger, inactive, due);
        }

        return PollResult.Wait;
    }

    // The states a record leaves are written as literals taken from the lifecycle table: the partial indexes
    // records_due_next and records_inactive_next (migration 0005) name them, and the planner uses a partial index
    // only when the statement's own predicate implies it. The state a record enters is a parameter.
    private static readonly string FallDueSql = $"""
        with batch as (
            select id from records
            where state in ({RecordLifecycle.SqlList(RecordLifecycle.AllowedIn(RecordAction.FallDue))}) and not hold and inactive_until <= @today
            order by inactive_until limit @batch for update skip locked
        )
        update records r set state = @state, updated_at = now()
        from batch where r.id = batch.id
        returning r.id, r.letter_id, r.unit_id, r.classification_code, r.final_disposition
        """;

    private static readonly string RetireSql = $"""
        with batch as (
            select id from records
            where state in ({RecordLifecycle.SqlList(RecordLifecycle.AllowedIn(RecordAction.Retire))}) and not hold and active_until <= @today
            order by active_until limit @batch for update skip locked
        )
        update records r set state = @state, updated_at = now() from batch where r.id = batch.id
        """;

    private sealed class MovedRow
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public Guid UnitId { get; init; }
        public string ClassificationCode { get; init; } = "";
        public string FinalDisposition { get; init; } = "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle: {Inactive} record(s) became inactive, {Due} due for disposal")]
    private static partial void LogMoved(ILogger logger, int inactive, int due);
}
