namespace EOffice.Testing;

/// <summary>A clock a test moves forward (<see cref="Advance"/>): the service's TimeProvider, and through it its CityClock.</summary>
public sealed class MovableTime : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Moves the clock forward (or back with a negative span).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Back to real time.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
