using EOffice.Archive.Classification;
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
            var moved = await uow.QueryAsync<MovedRow>(
                """
                with batch as (
                    select id from records
                    where state in ('Active', 'Inactive') and not hold and inactive_until <= @today
                    order by inactive_until limit @batch for update skip locked
                )
                update records r set state = 'DueForDisposal', updated_at = now()
                from batch where r.id = batch.id
                returning r.id, r.letter_id, r.unit_id, r.classification_code, r.final_disposition
                """, new { today, batch = settings.LifecycleBatchSize });
            foreach (var r in moved)
            {
                await uow.PublishAsync(new RecordDueForDisposal(r.Id, r.LetterId, r.UnitId, r.ClassificationCode, RecordStates.DueForDisposal,
                    r.FinalDisposition, Time.GetUtcNow()));
            }

            var toInactive = await uow.ExecuteAsync(
                """
                with batch as (
                    select id from records
                    where state = 'Active' and not hold and active_until <= @today
                    order by active_until limit @batch for update skip locked
                )
                update records r set state = 'Inactive', updated_at = now() from batch where r.id = batch.id
                """, new { today, batch = settings.LifecycleBatchSize });
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
