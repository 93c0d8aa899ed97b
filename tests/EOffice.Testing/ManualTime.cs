namespace EOffice.Testing;

/// <summary>
/// A clock that stands still until the test moves it (<see cref="Advance"/>), timers included: a
/// <c>Task.Delay(…, time)</c> or a timed cancellation on it ends only when the test has advanced past it. Unlike
/// <see cref="TestClock"/> and <see cref="MovableTime"/> (whose timers run on real time), it lets a test drive a
/// background loop's pauses and see them (<see cref="Pending"/>) without waiting.
/// </summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    /// <summary>A clock at an arbitrary fixed instant.</summary>
    public ManualTime()
        : this(new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>What the timers still waiting have left to run, soonest first.</summary>
    public IReadOnlyList<TimeSpan> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value - _now).Order()];
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing (in order) every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.Due!.Value;
                next.Due = next.Period > TimeSpan.Zero ? _now + next.Period : null;
                if (next.Due is null)
                {
                    _timers.Remove(next);
                }
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTime time, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._gate)
            {
                time._timers.Remove(this);
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : time._now + dueTime;
                if (Due is not null)
                {
                    time._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (time._gate)
            {
                time._timers.Remove(this);
                Due = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
