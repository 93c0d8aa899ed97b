namespace EOffice.ServiceDefaults.Background;

/// <summary>
/// When a <see cref="PollingService"/> runs: every <see cref="Interval"/> while all is well; after a failed round it waits
/// <see cref="FirstRetry"/>, doubling with each further failure up to <see cref="MaxRetry"/>, and is back on its interval
/// after the first round that succeeds.
/// </summary>
/// <param name="Interval">The pause after a round that left nothing waiting (the loop's configured poll interval).</param>
public sealed record PollingSchedule(TimeSpan Interval)
{
    /// <summary>The pause after the first failure of a streak.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between failed rounds (never shorter than <see cref="FirstRetry"/>).</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause after the <paramref name="failures"/>-th failure in a row (1 for the first).</summary>
    public TimeSpan RetryAfter(int failures)
    {
        var max = MaxRetry > FirstRetry ? MaxRetry : FirstRetry;
        var doublings = Math.Clamp(failures - 1, 0, 62);
        var ticks = FirstRetry.Ticks * Math.Pow(2, doublings);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
