using EOffice.Contracts;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Background;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Disposition.Deadlines;

/// <summary>
/// Marks dispositions past due and not closed as overdue, once each, and publishes
/// <see cref="DispositionOverdue"/> for them in the same transaction. Safe with several replicas:
/// the conditional update lets exactly one checker claim each row.
/// </summary>
/// <remarks>Runs every <see cref="DispositionSettings.OverdueCheckInterval"/>; a failed check is retried at the next interval.</remarks>
public sealed partial class OverdueCheck(Db db, DispositionSettings settings, TimeProvider clock, ILogger<OverdueCheck> logger)
    : PollingService(new PollingSchedule(settings.OverdueCheckInterval) { FirstRetry = settings.OverdueCheckInterval, MaxRetry = settings.OverdueCheckInterval },
        clock, logger)
{
    /// <summary>Runs one check; returns how many dispositions became overdue.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var now = Time.GetUtcNow();
        var due = await uow.QueryAsync<DispositionRow>(
            """
            update dispositions set overdue_at = @now, updated_at = now()
            where overdue_at is null and due_at < @now and status not in ('Completed', 'Cancelled')
            returning *
            """, new { now });
        foreach (var d in due)
        {
            await uow.PublishAsync(new DispositionOverdue(d.Id, d.LetterId, d.FromPositionId, d.ToPositionId, d.DueAt, now));
        }

        await uow.CommitAsync();
        return due.Count;
    }

    /// <summary>One check, logging how many became overdue.</summary>
    protected override async Task<PollResult> PollAsync(CancellationToken ct)
    {
        var marked = await RunOnceAsync(ct);
        if (marked > 0)
        {
            LogMarked(Logger, marked);
        }

        return PollResult.Wait;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} disposition(s) became overdue")]
    private static partial void LogMarked(ILogger logger, int count);
}
