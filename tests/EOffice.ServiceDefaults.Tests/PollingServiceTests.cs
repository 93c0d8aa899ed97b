using System.Collections.Concurrent;
using EOffice.ServiceDefaults.Background;
using EOffice.Testing;
using Microsoft.Extensions.Logging;

namespace EOffice.ServiceDefaults.Tests;

/// <summary>
/// The one background loop (<see cref="PollingService"/>), driven on a <see cref="ManualTime"/>: nothing here waits for
/// real time to pass; each step moves the clock and then polls until the loop has done its round and is waiting again.
/// </summary>
public sealed class PollingServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task The_first_round_runs_at_start_and_the_next_after_the_interval()
    {
        var time = new ManualTime();
        await using var loop = await Probe.StartAsync(new PollingSchedule(Interval), time, _ => PollResult.Wait);

        await loop.WaitingAsync(1, Interval);
        time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(1, loop.Rounds);
        Assert.Equal([TimeSpan.FromSeconds(1)], time.Pending);

        time.Advance(TimeSpan.FromSeconds(1));
        await loop.WaitingAsync(2, Interval);
    }

    [Fact]
    public async Task A_wake_up_runs_the_next_round_at_once()
    {
        var time = new ManualTime();
        var signal = new WakeSignal();
        await using var loop = await Probe.StartAsync(new PollingSchedule(TimeSpan.FromHours(1)), time, _ => PollResult.Wait, signal);
        await loop.WaitingAsync(1, TimeSpan.FromHours(1));

        signal.Notify(); // what a commit does for the outbox relay
        await loop.WaitingAsync(2, TimeSpan.FromHours(1));
        loop.Service.WakeUp();
        await loop.WaitingAsync(3, TimeSpan.FromHours(1));

        Assert.Equal(new ManualTime().GetUtcNow(), time.GetUtcNow()); // no time passed
    }

    [Fact]
    public async Task A_round_that_left_work_waiting_is_followed_by_the_next_at_once()
    {
        var time = new ManualTime();
        await using var loop = await Probe.StartAsync(new PollingSchedule(Interval), time, round => round < 3 ? PollResult.Again : PollResult.Wait);

        await loop.WaitingAsync(3, Interval);
    }

    [Fact]
    public async Task A_loop_whose_work_is_done_ends()
    {
        var time = new ManualTime();
        await using var loop = await Probe.StartAsync(new PollingSchedule(Interval), time, _ => PollResult.Stop);

        await Eventually.HoldsAsync(() => Task.FromResult(loop.Service.ExecuteTask!.IsCompletedSuccessfully), "the loop ended");
        Assert.Equal(1, loop.Rounds);
        Assert.Empty(time.Pending);
    }

    [Fact]
    public async Task After_failures_the_pause_doubles_up_to_the_cap_and_a_success_resets_it()
    {
        var time = new ManualTime();
        var schedule = new PollingSchedule(Interval) { FirstRetry = TimeSpan.FromSeconds(1), MaxRetry = TimeSpan.FromSeconds(4) };
        await using var loop = await Probe.StartAsync(schedule, time, round => round is 5 ? PollResult.Wait : throw new InvalidOperationException($"round {round} failed"));

        var expected = new[] { 1, 2, 4, 4 }.Select(s => TimeSpan.FromSeconds(s)).Append(Interval).Append(TimeSpan.FromSeconds(1)).ToArray();
        await loop.WaitingAsync(1, expected[0]);
        for (var i = 1; i < expected.Length; i++)
        {
            time.Advance(expected[i - 1]);
            await loop.WaitingAsync(i + 1, expected[i]);
        }

        // Two streaks (rounds 1-4 and 6): one warning each, the repeats at Debug, one line when it worked again.
        Assert.Equal(["round 1 failed", "round 6 failed"], loop.Log.Where(l => l.Level == LogLevel.Warning).Select(l => l.Exception?.Message));
        Assert.Equal(3, loop.Log.Count(l => l.Level == LogLevel.Debug));
        Assert.Single(loop.Log, l => l.Level == LogLevel.Information);
        Assert.DoesNotContain(loop.Log, l => l.Level >= LogLevel.Error);
    }

    public static readonly TheoryData<string> Moments = new() { "in a round", "waiting out the interval", "pausing after a failure" };

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Stopping_ends_the_loop_quietly(string moment)
    {
        var time = new ManualTime();
        await using var loop = await Probe.StartAsync(new PollingSchedule(Interval), time, round => moment switch
        {
            "pausing after a failure" => throw new InvalidOperationException("the database is away"),
            _ => PollResult.Wait,
        }, blockInRound: moment == "in a round" ? 1 : null); // the probe blocks in its first round until stopped

        if (moment == "in a round")
        {
            await loop.BlockedAsync();
        }
        else
        {
            await loop.WaitingAsync(1, moment == "pausing after a failure" ? TimeSpan.FromSeconds(1) : Interval);
        }

        var warningsBefore = loop.Log.Count(l => l.Level >= LogLevel.Warning);
        await loop.Service.StopAsync(CancellationToken.None);

        Assert.True(loop.Service.ExecuteTask!.IsCompletedSuccessfully, $"the loop ended {loop.Service.ExecuteTask.Status}");
        Assert.Equal(warningsBefore, loop.Log.Count(l => l.Level >= LogLevel.Warning));
        Assert.Empty(time.Pending);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(10_000, 30)]
    public void The_pause_after_the_nth_failure_doubles_from_the_first_up_to_the_longest(int failures, int seconds)
    {
        var schedule = new PollingSchedule(Interval) { FirstRetry = TimeSpan.FromSeconds(1), MaxRetry = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), schedule.RetryAfter(failures));
    }

    [Fact]
    public void A_longest_pause_below_the_first_leaves_the_pause_constant()
    {
        var schedule = new PollingSchedule(Interval) { FirstRetry = Interval, MaxRetry = TimeSpan.FromSeconds(30) };

        Assert.Equal([Interval, Interval, Interval], new[] { 1, 2, 7 }.Select(schedule.RetryAfter));
    }

    /// <summary>A loop whose rounds do what the test says (by round number, from 1), counting them and keeping its log.</summary>
    private sealed class Probe : IAsyncDisposable
    {
        private readonly ManualTime _time;
        private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _rounds;

        private Probe(PollingSchedule schedule, ManualTime time, Func<int, PollResult> round, WakeSignal? wake, int? blockInRound)
        {
            _time = time;
            Service = new Loop(this, schedule, time, wake, round, blockInRound);
        }

        public Loop Service { get; }

        public int Rounds => Volatile.Read(ref _rounds);

        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Log { get; } = new();

        public static async Task<Probe> StartAsync(PollingSchedule schedule, ManualTime time, Func<int, PollResult> round, WakeSignal? wake = null,
            int? blockInRound = null)
        {
            var probe = new Probe(schedule, time, round, wake, blockInRound);
            await probe.Service.StartAsync(CancellationToken.None);
            return probe;
        }

        /// <summary>Until the loop has run <paramref name="rounds"/> rounds and waits <paramref name="pause"/> for the next.</summary>
        public Task WaitingAsync(int rounds, TimeSpan pause) =>
            Eventually.HoldsAsync(
                () => Task.FromResult(Rounds == rounds && _time.Pending.SequenceEqual([pause])),
                $"{rounds} round(s) ran and the loop waits {pause} (now {Rounds} round(s), waiting {string.Join(", ", _time.Pending)})");

        public Task BlockedAsync() => _blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public async ValueTask DisposeAsync()
        {
            await Service.StopAsync(CancellationToken.None);
            Service.Dispose();
        }

        public sealed class Loop(Probe probe, PollingSchedule schedule, TimeProvider time, WakeSignal? wake, Func<int, PollResult> round, int? blockInRound)
            : PollingService(schedule, time, new ListLogger(probe.Log), wake)
        {
            protected override async Task<PollResult> PollAsync(CancellationToken ct)
            {
                var n = Interlocked.Increment(ref probe._rounds);
                if (n == blockInRound)
                {
                    probe._blocked.SetResult();
                    // What a query cut short by the stop throws: not necessarily an OperationCanceledException.
                    var stopped = new TaskCompletionSource();
                    await using var registration = ct.Register(() => stopped.SetException(new InvalidOperationException("connection closed")));
                    await stopped.Task;
                }

                await Task.Yield();
                return round(n);
            }
        }
    }

    private sealed class ListLogger(ConcurrentQueue<(LogLevel, string, Exception?)> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
