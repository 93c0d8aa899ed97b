using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EOffice.ServiceDefaults.Background;

/// <summary>What a round of a <see cref="PollingService"/> asks of the loop next.</summary>
public enum PollResult
{
    /// <summary>Nothing more is waiting: pause for the interval (or until woken).</summary>
    Wait,

    /// <summary>More is waiting (a full batch was done): run the next round at once.</summary>
    Again,

    /// <summary>The work is done for good: end the loop.</summary>
    Stop,
}

/// <summary>
/// The one background loop of the platform: runs <see cref="PollAsync"/> at start and then on its
/// <see cref="PollingSchedule"/> — at once when a round asks for it or the <see cref="WakeSignal"/> fires, else after the
/// interval; after a failure with a growing pause (logged once per streak, and once more when it recovers). Rounds never
/// overlap, so a loop that keeps an order (the outbox) keeps it. Stopping the host ends it quietly. All waiting is on the
/// <see cref="TimeProvider"/>, so tests drive it without sleeping.
/// </summary>
public abstract partial class PollingService : BackgroundService
{
    private readonly WakeSignal _wake;

    /// <summary>A loop on <paramref name="schedule"/>; <paramref name="wake"/> lets others cut its interval short.</summary>
    protected PollingService(PollingSchedule schedule, TimeProvider time, ILogger logger, WakeSignal? wake = null)
    {
        Schedule = schedule;
        Time = time;
        Logger = logger;
        _wake = wake ?? new WakeSignal();
    }

    /// <summary>When the loop runs.</summary>
    protected PollingSchedule Schedule { get; }

    /// <summary>The clock every pause is measured on.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The loop's logger (its category is the concrete class).</summary>
    protected ILogger Logger { get; }

    /// <summary>False when the loop should not run at all (e.g. e-mail turned off); read once at start.</summary>
    protected virtual bool Enabled => true;

    /// <summary>Wakes the loop now if it is waiting out its interval (a pause after a failure is not cut short).</summary>
    public void WakeUp() => _wake.Notify();

    /// <summary>One round of work; throw to have it retried after the failure pause.</summary>
    protected abstract Task<PollResult> PollAsync(CancellationToken ct);

    /// <inheritdoc />
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var loop = GetType().Name;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan retry;
            try
            {
                var result = await PollAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(Logger, loop, failures);
                    failures = 0;
                }

                if (result == PollResult.Stop)
                {
                    return;
                }

                if (result == PollResult.Wait)
                {
                    await _wake.WaitAsync(Schedule.Interval, Time, stoppingToken);
                }

                continue;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopping: whatever the round was doing was cut short on purpose
            }
            catch (Exception ex)
            {
                failures++;
                retry = Schedule.RetryAfter(failures);
                if (failures == 1)
                {
                    LogFailing(Logger, ex, loop, retry.TotalSeconds);
                }
                else
                {
                    LogStillFailing(Logger, loop, failures, ex.Message, retry.TotalSeconds);
                }
            }

            try
            {
                await Task.Delay(retry, Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Loop} failed; retrying in {Seconds} s (further failures in a row are logged at Debug)")]
    private static partial void LogFailing(ILogger logger, Exception exception, string loop, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Loop} failed again ({Failures} in a row): {Message}; retrying in {Seconds} s")]
    private static partial void LogStillFailing(ILogger logger, string loop, int failures, string message, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Loop} works again after {Failures} failed round(s)")]
    private static partial void LogRecovered(ILogger logger, string loop, int failures);
}
