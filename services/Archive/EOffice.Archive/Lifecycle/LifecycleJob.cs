using EOffice.Archive.Classification;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.OrgChart;

namespace EOffice.Archive.Lifecycle;

/// <summary>
/// Moves records along their retention: Active → Inactive when active retention has run out,
/// Active/Inactive → DueForDisposal when inactive retention has (publishing
/// <see cref="RecordDueForDisposal"/>). Held records stay where they are. Replica-safe and
/// repeatable: each batch is a conditional update that only one job can apply to a row.
/// </summary>
public sealed partial class LifecycleJob(Db db, OrgChart org, ArchiveSettings settings, TimeProvider clock, ILogger<LifecycleJob> logger)
    : BackgroundService
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
                    r.FinalDisposition, clock.GetUtcNow()));
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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (inactive, due) = await RunOnceAsync(stoppingToken);
                if (inactive + due > 0)
                {
                    LogMoved(logger, inactive, due);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(settings.LifecycleInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lifecycle job failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
