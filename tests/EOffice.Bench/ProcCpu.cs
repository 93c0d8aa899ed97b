using System.Globalization;

namespace EOffice.Bench;

/// <summary>CPU time of processes, read from /proc: where the machine's cores went during a run.</summary>
internal static class ProcCpu
{
    // Linux counts /proc times in USER_HZ ticks, 100 per second on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds of one process so far (0 when it is gone).</summary>
    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // After "pid (name) ": state is field 3, utime field 14 and stime field 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>Busy CPU seconds of the whole machine so far, over every core (everything but idle and iowait).</summary>
    public static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);
        return busy / TicksPerSecond;
    }

    /// <summary>
    /// CPU seconds so far of each of the platform's processes, of PostgreSQL and RabbitMQ (all their processes),
    /// of the bench itself and of the whole machine.
    /// </summary>
    public static Dictionary<string, double> Snapshot(BenchPlatform platform)
    {
        var seconds = platform.Fixture.ProcessIds.ToDictionary(p => p.Key, p => Seconds(p.Value), StringComparer.Ordinal);
        seconds["PostgreSQL"] = ProcMemory.Named("postgres").Sum(Seconds);
        seconds["RabbitMQ"] = ProcMemory.Named("beam.smp").Sum(Seconds);
        seconds["the bench"] = Environment.ProcessId is var self ? Seconds(self) : 0;
        seconds[Machine] = MachineBusySeconds();
        return seconds;
    }

    /// <summary>The key of the whole machine in <see cref="Snapshot"/>.</summary>
    public const string Machine = "the whole machine";
}
