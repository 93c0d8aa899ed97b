using System.Diagnostics;
using System.Globalization;
using EOffice.Archive.Classification;
using EOffice.Archive.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Archive.Bench;

/// <summary>What the lifecycle job did on the whole archive.</summary>
internal sealed record LifecycleResult(long Records, long ShiftedDue, long ShiftedInactive, int Due, int Inactive, TimeSpan Took,
    long Events, TimeSpan? Drained, int BatchSize);

/// <summary>
/// Times the service's <see cref="LifecycleJob.RunOnceAsync"/> with real work: the retention dates of 10 % of
/// the records are moved into the past so they are due (and of another 5 % so their active period is over);
/// afterwards the original dates and states come back, so the data set stays reusable.
/// </summary>
internal static class LifecycleBench
{
    /// <summary>How long to wait for the outbox relay to publish the job's events.</summary>
    public static readonly TimeSpan DrainBudget = TimeSpan.FromMinutes(3);

    public static async Task<LifecycleResult> RunAsync(BenchHost host, long records, DateOnly today, CancellationToken ct)
    {
        var (activeOrInactive, active) = (await host.QueryAsync<(long, long)>(
            "select count(*) filter (where state in ('Active', 'Inactive') and not hold), count(*) filter (where state = 'Active' and not hold) from records"))[0];
        var due = Math.Min(1.0, 0.10 * records / Math.Max(activeOrInactive, 1));
        var inactive = Math.Min(1.0, 0.05 * records / Math.Max(active, 1));
        Console.WriteLine("bench: lifecycle: moving retention dates of ~10 % of the records into the past (due) and ~5 % (inactive)");
        await host.ExecuteAsync(
            """
            drop table if exists bench.shifted;
            create table bench.shifted as
                select id, state, active_until, inactive_until, 'due' as kind from records
                where state in ('Active', 'Inactive') and not hold and bench.u(hashtext(id::text), 99) < @due;
            insert into bench.shifted
                select id, state, active_until, inactive_until, 'inactive' from records r
                where state = 'Active' and not hold and bench.u(hashtext(id::text), 98) < @inactive
                  and not exists (select 1 from bench.shifted s where s.id = r.id);
            alter table bench.shifted add primary key (id);
            update records r set inactive_until = @today - (1 + floor(bench.u(hashtext(r.id::text), 97) * 365))::int,
                                 active_until = least(r.active_until, @today - (1 + floor(bench.u(hashtext(r.id::text), 97) * 365))::int)
            from bench.shifted s where s.id = r.id and s.kind = 'due';
            update records r set active_until = @today - (1 + floor(bench.u(hashtext(r.id::text), 96) * 365))::int
            from bench.shifted s where s.id = r.id and s.kind = 'inactive';
            """, new { due, inactive, today });
        var shiftedDue = await host.ScalarAsync<long>("select count(*) from bench.shifted where kind = 'due'");
        var shiftedInactive = await host.ScalarAsync<long>("select count(*) from bench.shifted where kind = 'inactive'");
        await host.ExecuteAsync("analyze records");
        var outboxBefore = await host.ScalarAsync<long>("select count(*) from outbox");

        var job = host.Service.Services.GetRequiredService<LifecycleJob>();
        var batch = host.Service.Services.GetRequiredService<ArchiveSettings>().LifecycleBatchSize;
        Console.WriteLine($"bench: lifecycle: running LifecycleJob.RunOnceAsync ({shiftedDue:N0} records to become due, {shiftedInactive:N0} inactive)");
        var sw = Stopwatch.StartNew();
        var (movedInactive, movedDue) = await job.RunOnceAsync(ct);
        sw.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: lifecycle: {movedDue:N0} due, {movedInactive:N0} inactive in {sw.Elapsed.TotalSeconds:F1} s"));

        // The relay publishes the events after the job; wait for it (bounded) so the next step runs on a quiet machine.
        var events = await host.ScalarAsync<long>("select count(*) from outbox") - outboxBefore;
        var drain = Stopwatch.StartNew();
        TimeSpan? drained = null;
        while (drain.Elapsed < DrainBudget)
        {
            if (await host.ScalarAsync<long>("select count(*) from outbox where sent_at is null") == 0)
            {
                drained = drain.Elapsed;
                break;
            }

            await Task.Delay(500, ct);
        }

        Console.WriteLine(drained is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"bench: lifecycle: the outbox relay published the {events:N0} events in {d.TotalSeconds:F1} s")
            : $"bench: lifecycle: the outbox relay had not published all {events:N0} events after {DrainBudget.TotalMinutes:F0} minutes; dropping the rest");
        await RestoreAsync(host);
        return new LifecycleResult(records, shiftedDue, shiftedInactive, movedDue, movedInactive, sw.Elapsed, events, drained, batch);
    }

    /// <summary>Puts back the dates and states of shifted records (also after an interrupted run) and empties the outbox.</summary>
    public static async Task RestoreAsync(BenchHost host)
    {
        if (!await host.ScalarAsync<bool>("select to_regclass('bench.shifted') is not null"))
        {
            return;
        }

        Console.WriteLine("bench: lifecycle: restoring the original retention dates and states");
        await host.ExecuteAsync(
            """
            update records r set state = s.state, active_until = s.active_until, inactive_until = s.inactive_until
            from bench.shifted s where s.id = r.id;
            drop table bench.shifted;
            delete from outbox;
            """);
        await host.ExecuteAsync("vacuum analyze records");
    }
}
