using EOffice.Directory.Auth;

namespace EOffice.Directory.Tests;

public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_sixth_try_from_one_address_waits_until_the_oldest_of_the_last_five_is_fifteen_minutes_old()
    {
        var throttle = new SignInThrottle(new SignInLimits().Validated());
        var failures = Enumerable.Range(0, 5).Select(i => new SignInFailure("203.0.113.1", Start.AddMinutes(i))).ToList();

        var verdict = throttle.Check(failures, "203.0.113.1", Start.AddMinutes(5));

        var throttled = Assert.IsType<SignInVerdict.Throttled>(verdict);
        Assert.Equal(TimeSpan.FromMinutes(10), throttled.RetryAfter);
        Assert.IsType<SignInVerdict.Allowed>(throttle.Check(failures, "203.0.113.1", Start.AddMinutes(15)));
        Assert.IsType<SignInVerdict.Allowed>(throttle.Check(failures, "198.51.100.2", Start.AddMinutes(5)));
    }

    [Fact]
    public void One_address_trying_as_fast_as_it_may_for_a_day_never_locks_the_account()
    {
        var throttle = new SignInThrottle(new SignInLimits().Validated());
        var failures = new List<SignInFailure>();
        for (var now = Start; now < Start.AddDays(1); now = now.AddSeconds(10))
        {
            var verdict = throttle.Check(failures, "203.0.113.1", now);
            Assert.IsNotType<SignInVerdict.Locked>(verdict);
            if (verdict is SignInVerdict.Allowed)
            {
                failures.Add(new SignInFailure("203.0.113.1", now));
            }
        }

        Assert.InRange(failures.Count, 5 * 4 * 24, 5 * 4 * 24 + 5);
        Assert.IsType<SignInVerdict.Allowed>(throttle.Check(failures, "198.51.100.2", Start.AddDays(1)));
    }

    [Fact]
    public void Fifty_failures_from_several_addresses_within_an_hour_lock_the_account_for_every_address()
    {
        var throttle = new SignInThrottle(new SignInLimits().Validated());
        var failures = Enumerable.Range(0, 50).Select(i => new SignInFailure($"203.0.113.{i / 5}", Start.AddMinutes(i))).ToList();

        var verdict = throttle.Check(failures, "198.51.100.2", Start.AddMinutes(50));

        var locked = Assert.IsType<SignInVerdict.Locked>(verdict);
        Assert.Equal(Start.AddHours(1), locked.Until);
        Assert.IsNotType<SignInVerdict.Locked>(throttle.Check(failures, "198.51.100.2", Start.AddHours(1)));
    }

    [Fact]
    public void Limits_that_would_let_one_address_lock_an_account_are_refused_at_start()
    {
        var limits = new SignInLimits { FailuresPerAddress = 5, AddressWindow = TimeSpan.FromMinutes(15), FailuresPerAccount = 20 };

        var error = Assert.Throws<InvalidOperationException>(() => limits.Validated());

        Assert.Contains("FailuresPerAccount (20)", error.Message, StringComparison.Ordinal);
    }
}
