namespace EOffice.ServiceDefaults.Background;

/// <summary>
/// Wakes a <see cref="PollingService"/> waiting out its interval, so work that just became due is done at once (e.g. the
/// outbox relay right after a commit that wrote events). Any number of wake-ups before the loop looks count as one.
/// </summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Wakes the loop (now if it is waiting, else right after its current round).</summary>
    public void Notify()
    {
        try
        {
            if (_semaphore.CurrentCount == 0)
            {
                _semaphore.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    /// <summary>Waits for a wake-up or for <paramref name="timeout"/> on <paramref name="time"/>; true when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _semaphore.WaitAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
