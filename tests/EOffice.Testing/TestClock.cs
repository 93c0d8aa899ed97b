namespace EOffice.Testing;

/// <summary>
/// A clock a test sets instead of waiting: fixed at an instant, or the real time moved ahead (to stand after a due
/// date or the end of a period). Pass it wherever the code takes a <see cref="TimeProvider"/>.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly DateTimeOffset? _fixed;
    private readonly TimeSpan _ahead;

    private TestClock(DateTimeOffset? at, TimeSpan ahead)
    {
        _fixed = at;
        _ahead = ahead;
    }

    /// <summary>Always <paramref name="at"/>.</summary>
    public static TestClock At(DateTimeOffset at) => new(at, TimeSpan.Zero);

    /// <summary>The real time, <paramref name="ahead"/> later.</summary>
    public static TestClock Ahead(TimeSpan ahead) => new(null, ahead);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _fixed ?? System.GetUtcNow() + _ahead;
}
