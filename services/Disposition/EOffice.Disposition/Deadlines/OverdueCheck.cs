using EOffice.Contracts;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Disposition.Deadlines;

/// <summary>
/// Marks dispositions past due and not closed as overdue, once each, and publishes
/// <see cref="DispositionOverdue"/> for them in the same transaction. Safe with several replicas:
/// the conditional update lets exactly one checker claim each row.
/// </summary>
public sealed partial class OverdueCheck(Db db, DispositionSettings settings, TimeProvider clock, ILogger<OverdueCheck> logger) : BackgroundService
{
    /// <summary>Runs one check; returns how many dispositions became overdue.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var now = clock.GetUtcNow();
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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var marked = await RunOnceAsync(stoppingToken);
                if (marked > 0)
                {
                    LogMarked(logger, marked);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(settings.OverdueCheckInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} disposition(s) became overdue")]
    private static partial void LogMarked(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overdue check failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
